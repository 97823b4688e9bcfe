package dev.minerwatch.cli;

import dev.minerwatch.rules.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the silence commands show a silence. */
final class Silences {

    private Silences() {}

    /** {@code active}, {@code ended} or {@code scheduled}, at {@code now}. */
    static String state(Silence silence, Instant now) {
        if (silence.activeAt(now)) {
            return "active";
        }
        return now.isBefore(silence.startsAt()) ? "scheduled" : "ended";
    }

    /** A duration as the commands take it: {@code 2d4h}, {@code 45m}. */
    static String lasting(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        StringBuilder text = new StringBuilder();
        if (d.toDays() > 0) {
            text.append(d.toDays()).append('d');
        }
        if (d.toHoursPart() > 0) {
            text.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            text.append(d.toMinutesPart()).append('m');
        }
        return text.isEmpty() ? d.toSecondsPart() + "s" : text.toString();
    }

    /** One line of the table {@code silences} prints. */
    static String line(Silence silence, Instant now) {
        return String.format(
                "%-11s %-28s %-9s %-20s %-20s %-10s %s",
                silence.id(),
                silence.ruleId(),
                state(silence, now),
                silence.startsAt(),
                silence.endsAt(),
                silence.createdBy(),
                silence.reason());
    }

    static String header() {
        return String.format(
                "%-11s %-28s %-9s %-20s %-20s %-10s %s", "id", "rule", "state", "from", "until", "by", "reason");
    }

    static Map<String, Object> json(Silence silence, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", silence.id());
        json.put("rule", silence.ruleId());
        json.put("state", state(silence, now));
        json.put("startsAt", silence.startsAt().toString());
        json.put("endsAt", silence.endsAt().toString());
        json.put("createdBy", silence.createdBy());
        json.put("reason", silence.reason());
        return json;
    }
}
