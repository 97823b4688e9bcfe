package dev.minerwatch.localaws;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's own folders (such as {@code events/}) from tests, whatever the working directory. */
public final class RepositoryLayout {

    /** Set by the build to the reactor root; otherwise the root is found by walking up to {@code template.yaml}. */
    static final String ROOT_PROPERTY = "minerwatch.repository.root";

    private RepositoryLayout() {}

    public static Path root() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && Files.isRegularFile(Path.of(configured, "template.yaml"))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("events"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a folder with template.yaml and events/)");
    }

    public static Path recordedProviders() {
        return root().resolve("events").resolve("providers");
    }

    /** The recordings {@code ./minerwatch demo} replays, one folder per day. */
    public static Path demoRecordings() {
        return root().resolve("events").resolve("demo");
    }
}
