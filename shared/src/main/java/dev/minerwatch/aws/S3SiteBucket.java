package dev.minerwatch.aws;

import dev.minerwatch.config.Settings;
import dev.minerwatch.site.Site;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * The site's S3 bucket, spoken to in S3's REST API over {@link SignedCall} rather than through the S3 module, which
 * would take the Lambda artifact over its 9 MB. A publication lists the bucket (ListObjectsV2), puts each file whose
 * bytes differ from the object's (a single-part PUT under SSE-S3 has the MD5 of its bytes as its ETag), and deletes
 * the objects the site no longer has: the bucket's versioning keeps them, noncurrent, until its lifecycle rule
 * expires them.
 *
 * <p>The bucket is addressed path-style, {@code <endpoint>/<bucket>/<key>}, on the endpoint {@code
 * AWS_ENDPOINT_URL_S3} names (the template names the regional one, {@code https://s3.<region>.amazonaws.com}; tests,
 * moto_server or LocalStack), or else the regional one: one way for AWS and the emulators, which answer path-style on
 * any host name.
 */
final class S3SiteBucket {

    /**
     * Every file is served fresh for five minutes, by CloudFront and by browsers: the site changes at most every
     * quarter hour, and its paths carry no version, so one short policy suits pages, documents and assets alike.
     */
    static final String CACHE_CONTROL = "max-age=300";

    /** ListObjectsV2's own page size, and its most. */
    static final int PAGE = 1000;

    private final Settings settings;
    private final String bucket;
    private final int page;

    S3SiteBucket(Settings settings, String bucket) {
        this(settings, bucket, PAGE);
    }

    /** With pages of {@code page} objects: smaller ones make a test of a few files read several pages. */
    S3SiteBucket(Settings settings, String bucket, int page) {
        this.settings = settings;
        this.bucket = bucket;
        this.page = page;
    }

    /** What a publication does: the files to put, those left as they are, the objects to delete. */
    record Plan(List<String> puts, int unchanged, List<String> deletes) {

        /** Puts each file whose bytes' MD5 is not the ETag of the object of its key; deletes objects of no file. */
        static Plan of(SortedMap<String, byte[]> files, Map<String, String> etags) {
            List<String> puts = new ArrayList<>();
            int unchanged = 0;
            for (var file : files.entrySet()) {
                String etag = etags.get(file.getKey());
                if (etag != null && etag.equals(md5(file.getValue()))) {
                    unchanged++;
                } else {
                    puts.add(file.getKey());
                }
            }
            List<String> deletes = etags.keySet().stream()
                    .filter(key -> !files.containsKey(key))
                    .sorted()
                    .toList();
            return new Plan(puts, unchanged, deletes);
        }
    }

    /**
     * Makes the bucket hold the site's files and nothing else, each with its content type ({@link Site#contentType})
     * and {@link #CACHE_CONTROL}; returns the report.
     *
     * @throws IllegalStateException naming the bucket, the key and the status of the first call that failed
     */
    Map<String, Object> publish(SortedMap<String, byte[]> files) {
        if (files.isEmpty()) {
            // A site of no file would empty the bucket: that is a fault upstream, never a publication.
            throw new IllegalArgumentException("refusing to publish a site of no file to bucket " + bucket);
        }
        SignedCall s3 = new SignedCall(settings, "s3");
        Plan plan = Plan.of(files, etags(s3));
        for (String key : plan.puts()) {
            put(s3, key, files.get(key));
        }
        for (String key : plan.deletes()) {
            call(s3, SdkHttpMethod.DELETE, key, "", Map.of(), new byte[0], "delete");
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("bucket", bucket);
        report.put("files", files.size());
        report.put("put", plan.puts());
        report.put("unchanged", plan.unchanged());
        report.put("deleted", plan.deletes());
        return report;
    }

    private void put(SignedCall s3, String key, byte[] bytes) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("Content-Type", Site.contentType(key));
        headers.put("Cache-Control", CACHE_CONTROL);
        // S3 checks the bytes it received against this digest, and refuses them when they differ.
        headers.put("Content-MD5", Base64.getEncoder().encodeToString(SignedCall.digest("MD5", bytes)));
        headers.put("x-amz-server-side-encryption", "AES256");
        call(s3, SdkHttpMethod.PUT, key, "", headers, bytes, "put");
    }

    /** Each object's ETag (its quotes removed) by key, over every page of ListObjectsV2. */
    Map<String, String> etags(SignedCall s3) {
        Map<String, String> etags = new TreeMap<>();
        String token = null;
        do {
            String query =
                    "?list-type=2&max-keys=" + page + (token == null ? "" : "&continuation-token=" + encode(token));
            Document page = xml(call(s3, SdkHttpMethod.GET, "", query, Map.of(), new byte[0], "list"));
            NodeList contents = page.getElementsByTagName("Contents");
            for (int i = 0; i < contents.getLength(); i++) {
                Element object = (Element) contents.item(i);
                etags.put(text(object, "Key"), text(object, "ETag").replace("\"", ""));
            }
            token = "true".equals(text(page.getDocumentElement(), "IsTruncated"))
                    ? text(page.getDocumentElement(), "NextContinuationToken")
                    : null;
        } while (token != null);
        return etags;
    }

    /** One call on the bucket ({@code key} empty) or an object; its answer's body. */
    private byte[] call(
            SignedCall s3,
            SdkHttpMethod method,
            String key,
            String query,
            Map<String, String> headers,
            byte[] body,
            String what) {
        URI uri = URI.create(base() + keyPath(key) + query);
        SignedCall.Answer answer;
        try {
            answer = s3.send(method, uri, headers, body);
        } catch (IOException e) {
            throw new IllegalStateException(failure(what, key) + ": " + e.getMessage(), e);
        }
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(failure(what, key) + ": HTTP " + answer.status() + errorOf(answer.body()));
        }
        return answer.body();
    }

    private String failure(String what, String key) {
        return "cannot " + what + " s3://" + bucket + "/" + key;
    }

    /** The bucket's URL, path-style. */
    private String base() {
        String endpoint = settings.awsEndpoint("s3")
                .map(URI::toString)
                .orElse("https://s3." + settings.region() + ".amazonaws.com");
        return stripSlash(endpoint) + "/" + bucket;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code /} and each segment of the key percent-encoded as SigV4 wants it (RFC 3986; S3 signs it as sent). */
    private static String keyPath(String key) {
        StringBuilder path = new StringBuilder("/");
        String[] segments = key.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            path.append(i == 0 ? "" : "/").append(encode(segments[i]));
        }
        return key.isEmpty() ? "/" : path.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    static String md5(byte[] bytes) {
        return HexFormat.of().formatHex(SignedCall.digest("MD5", bytes));
    }

    /** S3's error document, as {@code  Code: Message}; nothing when the answer has none. */
    private static String errorOf(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        try {
            Element error = xml(body).getDocumentElement();
            return " " + text(error, "Code") + ": " + text(error, "Message");
        } catch (IllegalStateException e) {
            return "";
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }

    /** S3's XML, parsed with no DTD and no external entity (an answer is data, never instructions to fetch). */
    private static Document xml(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("S3 answered with no XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
