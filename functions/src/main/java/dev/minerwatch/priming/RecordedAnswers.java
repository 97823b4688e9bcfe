package dev.minerwatch.priming;

import dev.minerwatch.sources.Provider;
import dev.minerwatch.sources.http.HttpJsonClient;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The providers' recorded answers ({@code events/providers}, copied onto the class path by the build) as
 * connections that answer from memory: what the SnapStart priming runs every source on, so that the HTTP, JSON and
 * validation paths of the collectors are compiled before the snapshot without a call leaving the process. A path
 * with no recording answers 404, as the recorded-provider server does.
 */
final class RecordedAnswers {

    /** Never resolved: every request to it is answered here. */
    private static final String BASE_URL = "http://recorded.invalid/";

    private static final String RESOURCES = "/dev/minerwatch/priming/providers";

    private RecordedAnswers() {}

    /**
     * The {@code *_BASE_URL} settings that point every provider at its folder of the recordings; a provider with a
     * stand-in (SoSoValue's older API) follows the stand-in's.
     */
    static Map<String, String> baseUrls() {
        return Arrays.stream(Provider.values())
                .filter(provider -> provider.standIn().isEmpty())
                .collect(Collectors.toUnmodifiableMap(Provider::baseUrlVariable, provider -> BASE_URL + provider.id()));
    }

    /** Connections answering each request with the recording of its path, whatever the query. */
    static HttpJsonClient.Connector connector() {
        return uri -> new Answer(uri.toURL(), recording(uri));
    }

    /**
     * The recording of {@code /<provider>/<path>}: {@code <provider>/<path>.json}, or the path as it is for a URL
     * ending in .json.
     */
    private static byte[] recording(URI uri) {
        String path = uri.getPath().endsWith(".json") ? uri.getPath() : uri.getPath() + ".json";
        try (InputStream in = RecordedAnswers.class.getResourceAsStream(RESOURCES + path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recorded answer " + path, e);
        }
    }

    /** An HTTP exchange answered from memory: 200 with the recording, or 404 when there is none. */
    private static final class Answer extends HttpURLConnection {

        private final byte[] body;

        Answer(URL url, byte[] body) {
            super(url);
            this.body = body;
        }

        @Override
        public void connect() {
            connected = true;
        }

        @Override
        public void disconnect() {}

        @Override
        public boolean usingProxy() {
            return false;
        }

        @Override
        public int getResponseCode() {
            return body == null ? HTTP_NOT_FOUND : HTTP_OK;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            if (body == null) {
                throw new FileNotFoundException("no recording for " + url.getPath());
            }
            return new ByteArrayInputStream(body);
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public Map<String, List<String>> getHeaderFields() {
            return Map.of();
        }
    }
}
