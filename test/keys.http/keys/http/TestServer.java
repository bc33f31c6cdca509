package keys.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import keys.store.FsyncPolicy;
import keys.store.Store;
import keys.store.StoreOptions;

/**
 * A real server on a random loopback port over a temporary data directory, for black-box tests:
 * requests go through {@link HttpClient} like any client's. {@link #seed()} fills the store directly.
 * With the system property {@code keys.test.store=memory} (see {@link InMemoryApiTest}) the store
 * is an in-memory one instead; a restart then restarts the server and keeps the store.
 */
public final class TestServer implements AutoCloseable {
    /** The property that picks the store kind: {@code memory}, or anything else for a data directory. */
    static final String STORE_KIND = "keys.test.store";

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    private final Path dir;
    private final UnaryOperator<ServerConfig> customizer;
    private UnaryOperator<StoreOptions> storeCustomizer;
    private Store store;
    private Server server;
    public String url;
    /** A superuser's clear token. */
    public final String adminToken;

    private TestServer(Path dir, UnaryOperator<ServerConfig> customizer, UnaryOperator<StoreOptions> storeCustomizer)
            throws IOException {
        this.dir = dir;
        this.customizer = customizer;
        this.storeCustomizer = storeCustomizer;
        open();
        this.adminToken = seed().superuserToken();
    }

    public static TestServer start() {
        return start(c -> c);
    }

    /** With a changed configuration, e.g. {@code c -> c.withRateLimits(true)}. */
    public static TestServer start(UnaryOperator<ServerConfig> customizer) {
        return start(customizer, o -> o);
    }

    /** With changed store options too, e.g. fault-injecting channels. */
    public static TestServer start(UnaryOperator<ServerConfig> customizer, UnaryOperator<StoreOptions> storeCustomizer) {
        try {
            return new TestServer(inMemory() ? null : Files.createTempDirectory("keys-test"), customizer, storeCustomizer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** On an existing data directory (e.g. one filled by an import). */
    public static TestServer startOn(Path dir, UnaryOperator<ServerConfig> customizer) {
        try {
            return new TestServer(dir, customizer, o -> o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void open() throws IOException {
        // Find a free port first so the URL prefix can name it; then serve on that same port.
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        open(port);
    }

    private void open(int port) throws IOException {
        if (store == null || dir != null) {
            StoreOptions options = storeCustomizer.apply(StoreOptions.defaults().withFsync(FsyncPolicy.NEVER));
            store = dir == null ? Store.inMemory(options) : Store.open(dir, options);
        }
        String prefix = "http://127.0.0.1:" + port;
        ServerConfig base = new ServerConfig(new java.net.InetSocketAddress("127.0.0.1", port), prefix,
                null, false, null, false, false);
        server = Server.start(store, customizer.apply(base));
        url = prefix;
    }

    /** Stops the server and closes the store, then opens both again on the same directory. */
    public void restart() {
        restart(storeCustomizer);
    }

    /** Restarts with other store options (e.g. without the faults). */
    public void restart(UnaryOperator<StoreOptions> newStoreCustomizer) {
        storeCustomizer = newStoreCustomizer;
        int port = server.port();
        server.stop(0);
        if (dir != null) {
            store.close();
        }
        try {
            open(port); // the same address, as a restarted service keeps its URL
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Store store() {
        return store;
    }

    /** True when this run's test servers keep their store in memory. */
    static boolean inMemory() {
        return "memory".equals(System.getProperty(STORE_KIND));
    }

    /** The data directory; null in memory. */
    public Path dataDir() {
        return dir;
    }

    public Seed seed() {
        return new Seed(store);
    }

    public HttpResponse<String> get(String pathAndQuery, String token) {
        return send("GET", pathAndQuery, token, null);
    }

    /** Sends a request; {@code token} null sends no Authorization header; {@code body} null none. */
    public HttpResponse<String> send(String method, String pathAndQuery, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        store.close();
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
