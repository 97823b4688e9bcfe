package dev.minerwatch.site;

import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.Sources.Mempool.Retarget;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The site's pages for people, and what they are drawn from: {@code index.html} (now), {@code alerts.html}, {@code
 * rules.html} and one page per event.
 *
 * @param receipts the chat and webhook channels that took each event still within the receipts' retention, by event
 *     key
 * @param backtest each rule's record over the stored points
 */
record Pages(
        Overview overview,
        List<HistoryEntry> history,
        RuleSet rules,
        Map<SeriesId, List<DailyPoint>> points,
        Retarget retarget,
        Map<String, Set<String>> receipts,
        Backtest backtest) {

    /** Every page, by its path under the site's root. */
    Map<String, String> all() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("index.html", new IndexPage(this).render());
        pages.put("alerts.html", new AlertsPage(this).render());
        pages.put("rules.html", new RulesPage(this).render());
        EventPage events = new EventPage(this);
        for (HistoryEntry entry : history) {
            pages.put(Site.eventPage(entry.event().key()), events.render(entry));
        }
        return pages;
    }
}
