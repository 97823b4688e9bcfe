package dev.minerwatch.localaws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder of recorded provider answers: every {@code <dir>/<provider>/<path>.json} is the answer to any request for
 * {@code /<provider>/<path>} or {@code /<provider>/<path>.json} (for a provider whose URL ends in .json), whatever the
 * query, and {@code <dir>/recording.json} says when they were recorded. The
 * CLI's {@link RecordingServer} and the tests' WireMock server both serve folders read here.
 */
public record Recordings(Path directory, Map<String, byte[]> answers) {

    /**
     * The providers: the folders of the repository's recorded answers ({@code events/providers}), one per provider,
     * each named by the provider's id (shared's {@code Provider} holds the table; {@code ProviderTest} pins the
     * folders to it).
     */
    static List<String> providerIds() {
        try (Stream<Path> entries = Files.list(RepositoryLayout.recordedProviders())) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the recorded providers", e);
        }
    }

    /** The variable that moves a provider's base URL: {@code <ID>_BASE_URL}, {@code -} as {@code _}. */
    static String baseUrlVariable(String providerId) {
        return providerId.toUpperCase(Locale.ROOT).replace('-', '_') + "_BASE_URL";
    }

    private static final Pattern RECORDED_AT = Pattern.compile("\"recordedAt\"\\s*:\\s*\"([^\"]+)\"");

    public Recordings {
        answers = Map.copyOf(answers);
    }

    /** Reads every recorded answer in {@code directory}; the error names a folder that is not there. */
    public static Recordings read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no recorded provider answers at " + directory.toAbsolutePath());
        }
        Map<String, byte[]> answers = new TreeMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String relative = directory.relativize(file).toString().replace('\\', '/');
                if (relative.contains("/")) { // files beside the provider folders, such as recording.json, are metadata
                    byte[] body = Files.readAllBytes(file);
                    answers.put("/" + relative.substring(0, relative.length() - ".json".length()), body);
                    answers.put("/" + relative, body); // a provider whose own path ends in .json (TFTC's data.json)
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recordings in " + directory, e);
        }
        return new Recordings(directory, answers);
    }

    /** When the answers were recorded ({@code recording.json}), the instant their quotes are fresh at. */
    public Instant recordedAt() {
        Path metadata = directory.resolve("recording.json");
        try {
            Matcher matcher = RECORDED_AT.matcher(Files.readString(metadata));
            if (!matcher.find()) {
                throw new IllegalStateException(metadata + " has no \"recordedAt\"");
            }
            return Instant.parse(matcher.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metadata, e);
        }
    }

    /** Providers with recordings in the folder. */
    public List<String> providers() {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL that stands for one provider on a server whose root is {@code server}. */
    public static URI baseUrl(URI server, String provider) {
        return server.resolve("/" + provider);
    }

    /** The {@code *_BASE_URL} variables pointing every provider at a server whose root is {@code server}. */
    public static Map<String, String> environment(URI server) {
        return providerIds().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Recordings::baseUrlVariable, id -> baseUrl(server, id).toString()));
    }
}
