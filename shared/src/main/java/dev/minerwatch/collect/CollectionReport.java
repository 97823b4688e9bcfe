package dev.minerwatch.collect;

import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.PointStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** The report as JSON (simple objects: {@link dev.minerwatch.json.Json} writes them). */
    public Map<String, Object> toJson() {
        List<Object> updated = new ArrayList<>();
        List<Object> unchanged = new ArrayList<>();
        for (Stored s : stored) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("series", s.series().id());
            entry.put("day", s.day().toString());
            entry.put("value", s.value());
            entry.put("sources", s.sources());
            entry.put("change", s.change().name());
            (s.change() == PointStore.Change.UNCHANGED ? unchanged : updated).add(entry);
        }
        List<Object> failures = new ArrayList<>();
        for (Failed f : failed) {
            failures.add(Map.of("series", f.series().id(), "errors", f.errors()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("executionId", executionId);
        json.put("updated", updated);
        json.put("unchanged", unchanged);
        json.put("failed", failures);
        json.put("warnings", warnings);
        return json;
    }
}
