package keys.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Black-box HTTP against test-mode servers: one request, and its transcript line (everything but {@code Date}). */
final class TestModeHttp {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final String PREFIX = "http://keys.test";
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private TestModeHttp() {
    }

    /** A seeded test-mode server with a fixed clock and URL prefix on a free loopback port. */
    static KeysServer start(long seed) {
        return builder().seed(seed).start();
    }

    static KeysServer.Builder builder() {
        return KeysServer.builder().testMode().clock(START).urlPrefix(PREFIX)
                .listen(new InetSocketAddress("127.0.0.1", 0));
    }

    static HttpResponse<String> send(KeysServer keys, String method, String path, String json) throws IOException {
        return send(keys.port(), keys.adminToken(), method, path, json, "application/json");
    }

    /** {@code token} null: no Authorization; {@code type} null: no Content-Type; extra headers as name, value pairs. */
    static HttpResponse<String> send(int port, String token, String method, String path, String body, String type,
                                     String... headers) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null && type != null) {
            b.header("Content-Type", type);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Status, every header but {@code Date} (sorted by name), and body. */
    static String transcript(HttpResponse<String> r) {
        Map<String, List<String>> headers = new TreeMap<>(r.headers().map());
        headers.remove("date");
        return r.statusCode() + " " + headers + "\n" + r.body();
    }
}
