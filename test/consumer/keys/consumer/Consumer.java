package keys.consumer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import keys.server.KeysServer;
import keys.server.KeysServerConfigException;
import keys.server.KeysServerException;
import keys.store.FsyncPolicy;

/**
 * Run by ConsumerModuleTest with {@code java -p}: what an embedder relies on (embedding.md §2).
 * Prints one line per check; any failure throws, so the process exits non-zero.
 */
public final class Consumer {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    public static void main(String[] args) throws Exception {
        twoInMemoryServersShareNothing();
        diskServerHoldsItsLockUntilClose(Path.of(args[0]));
        inMemoryWithADirectoryIsRefused();
        System.out.println("consumer: all checks passed");
    }

    static void twoInMemoryServersShareNothing() throws Exception {
        KeysServer a = KeysServer.builder().inMemory().listen(ANY_PORT).urlPrefix("http://a.example").start();
        try (KeysServer b = KeysServer.builder().inMemory().listen(ANY_PORT).urlPrefix("http://b.example/").start()) {
            check(a.port() != b.port(), "two ports");
            check(a.url().equals(URI.create("http://a.example")) && b.url().equals(URI.create("http://b.example")), "urls");
            check(!a.adminToken().equals(b.adminToken()), "each minted its own admin token");
            check(dsnOfNewProject(a).contains("@a.example/"), "a's DSN names a");
            check(dsnOfNewProject(b).contains("@b.example/"), "b's DSN names b");
            for (int i = 0; i < 3; i++) {
                send(a, "GET", "/api/0/organizations/", null);
            }
            String metricsA = send(a, "GET", "/metrics", null);
            String metricsB = send(b, "GET", "/metrics", null);
            String line = "keys_http_requests_total{route=\"/api/0/organizations/\",status=\"200\"} ";
            check(metricsA.contains(line + "3\n"), "a counted its own requests: " + metricsA);
            check(!metricsB.contains(line), "b counted only its own: " + metricsB);
            check(send(b, "GET", "/api/0/organizations/", null).contains("\"slug\":\"org-b\""), "b's state is b's");
            check(!send(b, "GET", "/api/0/organizations/", null).contains("org-a"), "b never sees a's organization");
            int port = a.port();
            a.close();
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                check(s.getLocalPort() == port, "port free after close");
            }
        } finally {
            a.close(); // again: idempotent
        }
        System.out.println("consumer: two in-memory servers share nothing; close frees the port, twice is fine");
    }

    static void diskServerHoldsItsLockUntilClose(Path dir) {
        KeysServer.Builder builder = KeysServer.builder().dataDirectory(dir).listen(ANY_PORT).fsync(FsyncPolicy.NEVER);
        KeysServer first = builder.start();
        try {
            builder.start().close();
            throw new AssertionError("a second server opened a held directory");
        } catch (KeysServerConfigException e) {
            throw new AssertionError("a held directory is not a configuration error", e);
        } catch (KeysServerException e) {
            check(e.getMessage().contains(dir.getFileName().toString()), "the message names the directory: " + e.getMessage());
        } finally {
            first.close();
        }
        check(Files.exists(dir.resolve("admin-token")), "a minted admin token in DATA/admin-token");
        try (KeysServer again = builder.start()) {
            check(again.adminToken() == null, "the admin exists already");
        }
        System.out.println("consumer: a disk server holds its directory until close");
    }

    static void inMemoryWithADirectoryIsRefused() {
        try {
            KeysServer.builder().inMemory().dataDirectory(Path.of("x")).listen(ANY_PORT).start().close();
            throw new AssertionError("inMemory() with dataDirectory() started");
        } catch (KeysServerConfigException e) {
            System.out.println("consumer: refused: " + e.getMessage());
        }
    }

    /** An organization, team and project named after the server; the new project's default key's DSN. */
    private static String dsnOfNewProject(KeysServer keys) throws Exception {
        String org = "org-" + keys.url().getHost().charAt(0);
        send(keys, "POST", "/api/0/organizations/", "{\"name\":\"" + org + "\",\"slug\":\"" + org + "\"}");
        send(keys, "POST", "/api/0/organizations/" + org + "/teams/", "{\"slug\":\"t\"}");
        send(keys, "POST", "/api/0/teams/" + org + "/t/projects/", "{\"name\":\"p\",\"slug\":\"p\"}");
        return send(keys, "GET", "/api/0/projects/" + org + "/p/keys/", null);
    }

    private static String send(KeysServer keys, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keys.port() + path))
                .header("Authorization", "Bearer " + keys.adminToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        check(response.statusCode() / 100 == 2, method + " " + path + " -> " + response.statusCode() + " " + response.body());
        return response.body();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
