package dev.minerwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What a publication puts, leaves and deletes, from the bucket's ETags. */
class S3SiteBucketTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFileWhoseMd5IsItsObjectsEtagIsLeftAndEveryOtherIsPut() {
        SortedMap<String, byte[]> files = new TreeMap<>(Map.of("a.json", bytes("a"), "b.json", bytes("b")));
        // "a" has the MD5 0cc175b9c0f1b6a831c399e269772661.
        var plan = S3SiteBucket.Plan.of(files, Map.of("a.json", "0cc175b9c0f1b6a831c399e269772661", "b.json", "x"));

        assertThat(plan.puts()).containsExactly("b.json");
        assertThat(plan.unchanged()).isEqualTo(1);
        assertThat(plan.deletes()).isEmpty();
    }

    @Test
    void aNewFileIsPutAndAnObjectOfNoFileIsDeleted() {
        SortedMap<String, byte[]> files = new TreeMap<>(Map.of("new.html", bytes("n")));

        var plan = S3SiteBucket.Plan.of(files, Map.of("old.html", "whatever", "older.html", "x"));

        assertThat(plan.puts()).containsExactly("new.html");
        assertThat(plan.deletes()).isEqualTo(List.of("old.html", "older.html"));
    }

    @Test
    void md5IsLowerCaseHexAsS3WritesItsEtags() {
        assertThat(S3SiteBucket.md5(bytes(""))).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }
}
