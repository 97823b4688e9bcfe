package dev.minerwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batches keep every item once, in order, none over the limit. */
class BatchesTest {

    @Test
    void aListIsCutIntoFullBatchesAndARemainder() {
        List<Integer> items = IntStream.range(0, 53).boxed().toList();

        List<List<Integer>> batches = Batches.of(items, 25);

        assertThat(batches).extracting(List::size).containsExactly(25, 25, 3);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(items);
        assertThat(Batches.of(items.subList(0, 25), 25)).hasSize(1);
        assertThat(Batches.of(List.of(), 10)).isEmpty();
    }

    @Test
    void aBatchSizeUnderOneIsRefused() {
        assertThatThrownBy(() -> Batches.of(List.of(1), 0)).hasMessage("batch size 0 must be at least 1");
    }
}
