package dev.minerwatch.aws;

import java.util.ArrayList;
import java.util.List;

/** A list cut into consecutive batches of at most a service's limit: 25 writes, 100 keys, 10 SNS entries. */
public final class Batches {

    private Batches() {}

    /** Views of {@code items}, in order, each at most {@code size} long; none for an empty list. */
    public static <T> List<List<T>> of(List<T> items, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size " + size + " must be at least 1");
        }
        List<List<T>> batches = new ArrayList<>((items.size() + size - 1) / size);
        for (int start = 0; start < items.size(); start += size) {
            batches.add(items.subList(start, Math.min(start + size, items.size())));
        }
        return batches;
    }
}
