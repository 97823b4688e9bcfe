package dev.minerwatch.localaws;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local (the Maven artifact) running inside this JVM behind its HTTP endpoint on 127.0.0.1, so that
 * the same SDK clients that talk to AWS talk to it. In memory for tests; in a folder for the CLI's local store.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** A fresh, empty store that lives as long as this object. */
    public static EmbeddedDynamoDb inMemory() {
        return start(List.of("-inMemory"));
    }

    /** A store kept in {@code dataDir} across runs (one database file shared by every region and key). */
    public static EmbeddedDynamoDb persistent(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dataDir, e);
        }
        return start(List.of("-dbPath", dataDir.toAbsolutePath().toString(), "-sharedDb"));
    }

    private static EmbeddedDynamoDb start(List<String> storageArgs) {
        int port = FreePort.find();
        List<String> args = new ArrayList<>(storageArgs);
        args.addAll(List.of("-port", Integer.toString(port), "-disableTelemetry"));
        PrintStream stdout = System.out;
        try {
            // DynamoDB Local prints its configuration banner to standard output, which belongs to our commands.
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            bindToLoopback(server);
            server.start();
            return new EmbeddedDynamoDb(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port + ": " + e.getMessage(), e);
        } finally {
            System.setOut(stdout);
        }
    }

    /**
     * DynamoDB Local listens on every interface and has no option to change that; its Jetty connector is set to
     * 127.0.0.1 before the server starts, so the local store is never reachable from the network.
     */
    private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setHost("127.0.0.1");
            }
        }
    }

    /** The HTTP endpoint, for {@code AWS_ENDPOINT_URL_DYNAMODB}. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }
}
