package dev.minerwatch.report;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The spans an alert was active: from each FIRED to its RESOLVED, or to the end when it has not resolved. */
public record AlertEpisodes(List<Episode> episodes) {

    /** One span of one rule's alert; a rule that fires each day has one-day episodes. */
    public record Episode(String ruleId, String stateKey, LocalDate first, LocalDate last, boolean open) {}

    public AlertEpisodes {
        episodes = List.copyOf(episodes);
    }

    /**
     * The episodes of {@code events} (in date order), open ones ending on {@code end}; the events of a rule that
     * fires each day ({@code eachDay}) are one-day episodes.
     */
    public static AlertEpisodes of(List<AlertEvent> events, LocalDate end, Predicate<String> eachDay) {
        List<Episode> episodes = new ArrayList<>();
        Map<String, AlertEvent> open = new LinkedHashMap<>();
        for (AlertEvent event : events) {
            if (eachDay.test(event.ruleId())) {
                episodes.add(new Episode(event.ruleId(), event.stateKey(), event.day(), event.day(), false));
            } else if (event.kind() == EventKind.FIRED) {
                open.putIfAbsent(event.stateKey(), event);
            } else if (event.kind() == EventKind.RESOLVED) { // a reminder neither opens nor closes one
                AlertEvent fired = open.remove(event.stateKey());
                if (fired != null) {
                    episodes.add(new Episode(fired.ruleId(), fired.stateKey(), fired.day(), event.day(), false));
                }
            }
        }
        open.values()
                .forEach(fired -> episodes.add(new Episode(
                        fired.ruleId(),
                        fired.stateKey(),
                        fired.day(),
                        end.isBefore(fired.day()) ? fired.day() : end,
                        true)));
        return new AlertEpisodes(episodes);
    }

    public List<Episode> of(String ruleId) {
        return episodes.stream().filter(e -> e.ruleId().equals(ruleId)).toList();
    }
}
