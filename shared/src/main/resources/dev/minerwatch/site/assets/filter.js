// The alert history's filter: shows the form (without JavaScript every row stays visible) and hides the rows that
// do not match the chosen rule, severity, kind and text. The choices are kept in the address's fragment, so a
// filtered view can be linked: alerts.html#rule=price_below_production_cost&kind=fired.
(function () {
  'use strict';

  function start() {
    var form = document.getElementById('filter');
    var table = document.getElementById('alerts');
    if (!form || !table) {
      return;
    }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = document.getElementById('filter-count');
    var fields = ['rule', 'severity', 'kind'];

    function apply() {
      var text = form.elements.text.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var match = fields.every(function (field) {
          var wanted = form.elements[field].value;
          return !wanted || row.getAttribute('data-' + field) === wanted;
        }) && (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
        row.hidden = !match;
        if (match) {
          shown++;
        }
      });
      count.textContent = shown + ' of ' + rows.length + ' events';
      var chosen = fields.concat(['text']).filter(function (field) { return form.elements[field].value; })
        .map(function (field) { return field + '=' + encodeURIComponent(form.elements[field].value); });
      history.replaceState(null, '', chosen.length ? '#' + chosen.join('&') : location.pathname);
    }

    // Only the four fields, and a fragment that is not well formed is ignored, never an error.
    location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
      var parts = pair.split('=');
      if (parts.length === 2 && fields.concat(['text']).indexOf(parts[0]) >= 0) {
        try {
          form.elements[parts[0]].value = decodeURIComponent(parts[1]);
        } catch (malformed) {
          // left as it was
        }
      }
    });
    form.hidden = false;
    // A select that changes fires change, and in some browsers input too: both re-filter.
    form.addEventListener('input', apply);
    form.addEventListener('change', apply);
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    apply();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
