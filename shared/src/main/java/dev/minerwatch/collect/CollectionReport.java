package dev.minerwatch.collect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minerwatch.json.Json;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.PointStore;
import java.time.LocalDate;
import java.util.List;

/**
 * What a collection run did, series by series: the function's result and its log line.
 *
 * @param stored   series whose day's point was written or found up to date
 * @param failed   series for which nothing was written, with every source's reason
 * @param warnings sources that failed or were left out while their series was still stored from others
 */
public record CollectionReport(String executionId, List<Stored> stored, List<Failed> failed, List<String> warnings) {

    public CollectionReport {
        stored = List.copyOf(stored);
        failed = List.copyOf(failed);
        warnings = List.copyOf(warnings);
    }

    /** A series whose day's point was written (or found already up to date). */
    public record Stored(
            SeriesId series, LocalDate day, double value, List<String> sources, PointStore.Change change) {}

    /** A series that could not be collected, and why; nothing was written for it. */
    public record Failed(SeriesId series, List<String> errors) {
        public Failed {
            errors = List.copyOf(errors);
        }
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("executionId", executionId);
        ArrayNode updated = json.putArray("updated");
        ArrayNode unchanged = json.putArray("unchanged");
        for (Stored s : stored) {
            ObjectNode entry = (s.change() == PointStore.Change.UNCHANGED ? unchanged : updated).addObject();
            entry.put("series", s.series().id());
            entry.put("day", s.day().toString());
            entry.put("value", s.value());
            s.sources().forEach(entry.putArray("sources")::add);
            entry.put("change", s.change().name());
        }
        ArrayNode failures = json.putArray("failed");
        for (Failed f : failed) {
            ObjectNode entry = failures.addObject();
            entry.put("series", f.series().id());
            f.errors().forEach(entry.putArray("errors")::add);
        }
        warnings.forEach(json.putArray("warnings")::add);
        return json;
    }
}
