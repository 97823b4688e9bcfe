package dev.minerwatch.site;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What of the alert history the site may show: everything but the figures of a fleet that is not public. A {@code
 * breakeven} rule's events carry its margin and, in their words, its power price; the digest lists every fleet's.
 * Unless the rule says {@code "public": true}, those are the operator's business, so the site shows such an event
 * without its figures (value, threshold, re-arm level, detail and basis) and the digest without the fleet's line. An
 * event of a fleet the rule set no longer has counts as not public.
 */
final class Disclosure {

    /** What takes the place of an operator's words (a silence's reason): the site says what, not who or why. */
    static final String OPERATORS_OWN = "not public";

    /** What takes the place of a fleet's figures. */
    static final String WITHHELD = "not public: the fleet's figures are shown only for a rule with \"public\": true";

    /** The header of the digest's fleet lines, each {@code "  <rule id>: ..."} up to the next blank line. */
    private static final String FLEETS = "Fleets (";

    private Disclosure() {}

    /** The history with each non-public fleet's figures withheld. */
    static List<HistoryEntry> of(List<HistoryEntry> history, RuleSet rules) {
        Set<String> publicFleets = publicFleets(rules);
        return history.stream().map(entry -> of(entry, publicFleets)).toList();
    }

    /** The ids of the fleet rules that say {@code "public": true}. */
    static Set<String> publicFleets(RuleSet rules) {
        return rules.rules().stream().filter(Rule::publicFleet).map(Rule::id).collect(Collectors.toSet());
    }

    /** A fleet's rule whose power price and margin stay the operator's: one that does not say it is public. */
    static boolean withheld(Rule rule) {
        return rule.breakevenFleet().isPresent() && !rule.publicFleet();
    }

    /** An event of a fleet that is not public (or no longer in the rules), whose figures stay the operator's. */
    static boolean withheld(AlertEvent event, Set<String> publicFleets) {
        return event.figures().unit().equals(Rule.FLEET_MARGIN_UNIT) && !publicFleets.contains(event.ruleId());
    }

    private static HistoryEntry of(HistoryEntry entry, Set<String> publicFleets) {
        AlertEvent event = entry.event();
        AlertEvent shown;
        if (event.kind() == EventKind.DIGEST) {
            shown = withDetail(event, digest(event.explanation().detail(), publicFleets));
        } else if (event.kind() == EventKind.ACKNOWLEDGED) {
            // Who acknowledged and why are the operators' own: the site says only that someone did.
            shown = withDetail(event, event.origin().title() + " acknowledged");
        } else if (withheld(event, publicFleets)) {
            AlertEvent.Figures figures = event.figures();
            shown = new AlertEvent(
                    event.key(),
                    event.origin(),
                    new AlertEvent.Figures(
                            figures.series(),
                            figures.day(),
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            figures.unit(),
                            figures.asOf(),
                            figures.dayFinal()),
                    new AlertEvent.Explanation(
                            event.explanation().sources(),
                            WITHHELD,
                            WITHHELD,
                            event.explanation().meaning()),
                    event.recording());
        } else {
            return entry;
        }
        return new HistoryEntry(
                shown, entry.status(), entry.messageId(), entry.sentAt(), entry.error(), entry.silenceId());
    }

    private static AlertEvent withDetail(AlertEvent event, String detail) {
        AlertEvent.Explanation explanation = event.explanation();
        return new AlertEvent(
                event.key(),
                event.origin(),
                event.figures(),
                new AlertEvent.Explanation(
                        explanation.sources(), explanation.thresholdBasis(), detail, explanation.meaning()),
                event.recording());
    }

    /** The digest's text with only the public fleets' lines; without its fleets' header when none is left. */
    static String digest(String text, Set<String> publicFleets) {
        if (text == null || !text.contains(FLEETS)) {
            return text;
        }
        List<String> kept = new ArrayList<>();
        List<String> fleets = new ArrayList<>();
        boolean inFleets = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(FLEETS)) {
                inFleets = true;
                continue;
            }
            if (inFleets && line.isBlank()) {
                inFleets = false;
                if (!fleets.isEmpty()) {
                    kept.add(FLEETS + "margin per PH/s per day at the newest hashprice, public fleets only):");
                    kept.addAll(fleets);
                } else if (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
                    kept.remove(kept.size() - 1); // the blank line before the header, which goes too
                }
            }
            if (inFleets) {
                String id = line.strip().contains(":")
                        ? line.strip().substring(0, line.strip().indexOf(':'))
                        : "";
                if (publicFleets.contains(id)) {
                    fleets.add(line);
                }
                continue;
            }
            kept.add(line);
        }
        if (inFleets && !fleets.isEmpty()) {
            kept.add(FLEETS + "margin per PH/s per day at the newest hashprice, public fleets only):");
            kept.addAll(fleets);
        }
        return String.join("\n", kept);
    }
}
