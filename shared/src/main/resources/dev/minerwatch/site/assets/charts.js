// minerwatch's charts: each <figure class="chart"> names the series it draws (data-series), the days alerts held
// (data-spans: "first:last" each, last empty while one still holds; drawn by the site from the alert history) and
// the days it shows first (data-range: the last N days, or data-window: "first last"). The data comes from the read
// API's api/v1/columns/<id>.json. The figures themselves are in the page's tables; a chart adds to them, so a failure
// here only says so in the figure's caption.
(function () {
  'use strict';

  var DAY = 86400;
  var COLOURS = ['#0b57d0', '#a4161a', '#2b6a30'];
  var RANGES = [['3M', 91], ['1Y', 365], ['5Y', 1826], ['All', 0]];
  var root = document.documentElement.getAttribute('data-root') || '';
  var fetched = {};
  var drawn = 0;

  function load(path) {
    if (!fetched[path]) {
      fetched[path] = fetch(root + path).then(function (answer) {
        if (!answer.ok) {
          throw new Error(path + ' answered ' + answer.status);
        }
        return answer.json();
      });
    }
    return fetched[path];
  }

  function epochDay(day) {
    return Date.parse(day + 'T00:00:00Z') / 1000 / DAY;
  }

  function scaleOf(unit) {
    return unit.split(' ')[0];
  }

  function formatter(unit) {
    var usd = unit.indexOf('USD') === 0;
    var number = new Intl.NumberFormat('en-US', {maximumFractionDigits: 2});
    var compact = new Intl.NumberFormat('en-US', {notation: 'compact', maximumFractionDigits: 2});
    return function (value, short) {
      if (value == null || !isFinite(value)) {
        return '–';
      }
      var text = (short || Math.abs(value) >= 1e7 ? compact : number).format(Math.abs(value));
      return (value < 0 ? '-' : '') + (usd ? '$' + text : text);
    };
  }

  // One x column of every day any series has, and each series' values on it (null where it has none).
  function align(documents) {
    var days = {};
    documents.forEach(function (document) {
      document.epochDays.forEach(function (day) { days[day] = true; });
    });
    var xs = Object.keys(days).map(Number).sort(function (a, b) { return a - b; });
    var index = {};
    xs.forEach(function (day, i) { index[day] = i; });
    var columns = [xs.map(function (day) { return day * DAY; })];
    documents.forEach(function (document) {
      var column = new Array(xs.length).fill(null);
      document.epochDays.forEach(function (day, i) { column[index[day]] = document.values[i]; });
      columns.push(column);
    });
    return columns;
  }

  // The spans the page names, in seconds; one still holding reaches the end of the data.
  function spans(text, lastX) {
    return text.split(' ').filter(Boolean).map(function (span) {
      var days = span.split(':');
      return [epochDay(days[0]) * DAY, days[1] ? epochDay(days[1]) * DAY : lastX];
    });
  }

  function isoDay(x) {
    return new Date(x * 1000).toISOString().slice(0, 10);
  }

  // Shades the days a rule held, marks the day of the page's event, and says on the figure which days it shows.
  function decorations(figure, held, mark) {
    return {
      hooks: {
        drawClear: function (u) {
          var context = u.ctx;
          context.save();
          context.fillStyle = 'rgba(164, 22, 26, 0.13)';
          held.forEach(function (span) {
            var from = u.valToPos(span[0], 'x', true);
            var to = u.valToPos(span[1] + DAY, 'x', true);
            context.fillRect(from, u.bbox.top, Math.max(to - from, 1), u.bbox.height);
          });
          if (mark !== null) {
            var x = u.valToPos(mark, 'x', true);
            context.strokeStyle = '#14213d';
            context.setLineDash([4, 4]);
            context.beginPath();
            context.moveTo(x, u.bbox.top);
            context.lineTo(x, u.bbox.top + u.bbox.height);
            context.stroke();
          }
          context.restore();
        },
        setScale: function (u, key) {
          if (key === 'x' && u.scales.x.min != null) {
            figure.setAttribute('data-shown', isoDay(u.scales.x.min) + ' ' + isoDay(u.scales.x.max));
          }
        }
      }
    };
  }

  function ranges(figure, plot, xs) {
    var bar = document.createElement('div');
    bar.className = 'ranges';
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', 'Range');
    var last = xs[xs.length - 1];
    RANGES.forEach(function (range) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = range[0];
      button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', function () {
        plot.setScale('x', {min: range[1] ? last - range[1] * DAY : xs[0], max: last});
        bar.querySelectorAll('button').forEach(function (b) {
          b.setAttribute('aria-pressed', b === button ? 'true' : 'false');
        });
      });
      bar.appendChild(button);
    });
    figure.insertBefore(bar, figure.firstChild);
    return bar;
  }

  function draw(figure) {
    var ids = figure.getAttribute('data-series').split(' ');
    var status = figure.querySelector('.status');
    status.textContent = 'Loading the chart…';
    var wanted = ids.map(function (id) { return load('api/v1/columns/' + id + '.json'); });
    return Promise.all(wanted).then(function (answers) {
      var data = align(answers);
      var xs = data[0];
      if (xs.length === 0) {
        status.textContent = 'No data to draw yet.';
        return;
      }
      // One axis per currency or unit: a price in USD and a cost in USD per BTC share theirs.
      var units = [];
      answers.forEach(function (document) {
        if (units.indexOf(scaleOf(document.unit)) < 0) {
          units.push(scaleOf(document.unit));
        }
      });
      var series = [{label: 'Day', value: function (u, x) { return x == null ? '–' : isoDay(x); }}];
      answers.forEach(function (document, i) {
        var format = formatter(document.unit);
        series.push({
          label: document.id,
          scale: scaleOf(document.unit),
          stroke: COLOURS[i % COLOURS.length],
          width: 1.5,
          spanGaps: true,
          value: function (u, value) { return format(value, false); }
        });
      });
      var axes = [{}];
      units.forEach(function (unit, i) {
        var format = formatter(unit);
        axes.push({
          scale: unit,
          side: i === 0 ? 3 : 1,
          grid: {show: i === 0},
          size: 64,
          values: function (u, values) { return values.map(function (v) { return format(v, true); }); }
        });
      });
      var plotArea = figure.querySelector('.plot');
      var plot = new uPlot({
        width: Math.max(plotArea.clientWidth, 280),
        height: window.innerWidth < 600 ? 220 : 300,
        scales: {x: {time: true}},
        series: series,
        axes: axes,
        legend: {live: true},
        plugins: [decorations(
          figure,
          spans(figure.getAttribute('data-spans') || '', xs[xs.length - 1]),
          figure.getAttribute('data-mark') ? epochDay(figure.getAttribute('data-mark')) * DAY : null)]
      }, data, plotArea);
      var bar = ranges(figure, plot, xs);
      var window_ = figure.getAttribute('data-window');
      var range = Number(figure.getAttribute('data-range'));
      if (window_) {
        var days = window_.split(' ');
        plot.setScale('x', {
          min: Math.max(epochDay(days[0]) * DAY, xs[0]),
          max: Math.min(epochDay(days[1]) * DAY, xs[xs.length - 1])
        });
      } else if (range) {
        bar.querySelectorAll('button').forEach(function (button, i) {
          if (RANGES[i][1] === range) {
            button.click();
          }
        });
      }
      window.addEventListener('resize', function () {
        plot.setSize({width: Math.max(plotArea.clientWidth, 280), height: plot.height});
      });
      status.textContent = '';
      figure.setAttribute('data-drawn', 'true');
      drawn++;
      if (drawn === 1) {
        performance.mark('minerwatch:first-chart');
      }
    }).catch(function (error) {
      status.textContent = 'The chart could not be drawn: ' + error.message;
      figure.setAttribute('data-drawn', 'failed');
    });
  }

  function start() {
    if (typeof uPlot === 'undefined') {
      return;
    }
    document.querySelectorAll('figure.chart').forEach(draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
