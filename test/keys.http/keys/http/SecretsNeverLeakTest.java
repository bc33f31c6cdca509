package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import keys.domain.ClientKey;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Secrets;
import keys.domain.Sources;
import keys.domain.Team;
import keys.domain.User;
import keys.json.Json;

/**
 * Tokens and secret keys travel in headers, query strings and bodies, in requests that succeed and
 * in requests that fail (401, 403, 404, 400, 414, 500); none of them may show up in the access log
 * or the error log (stderr, captured here), and no clear token may sit in the data directory.
 */
class SecretsNeverLeakTest {
    /** Every clear token and secret key that went over the wire. */
    private final Set<String> tokens = new LinkedHashSet<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    /** "METHOD path status" the access log must show, so that an empty capture cannot pass. */
    private final List<String> expectedLines = new ArrayList<>();

    @Test
    void noTokenOrSecretKeyReachesTheLogsOrTheDataDirectory()
            throws IOException, ClassNotFoundException, InterruptedException {
        // The root console handler takes System.err when it is made: make it now, on the real one.
        Logger.getLogger("").getHandlers();
        // The access log may have been used before stderr is redirected (an earlier test's 500, an
        // embedder that redirects later); its lines must follow System.err all the same.
        Class.forName("keys.http.AccessLog");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        Logger keysLog = Logger.getLogger("keys"); // held: the JDK keeps loggers only weakly
        Handler handler = new StreamHandler(capture, new SimpleFormatter());
        boolean parents = keysLog.getUseParentHandlers();
        PrintStream realErr = System.err;
        List<String> errorIds = new ArrayList<>();
        System.setErr(capture);
        keysLog.addHandler(handler);
        keysLog.setUseParentHandlers(false);
        try {
            try (TestServer ts = TestServer.start(SecretsNeverLeakTest::withAccessLog)) {
                exercise(ts);
                awaitAccessLines(captured); // each line is written after its answer is sent
                ts.restart(); // everything on disk: the store's files as a later process finds them
                if (ts.dataDir() != null) { // in memory (InMemoryApiTest) there are no files
                    noClearTokenIn(ts.dataDir());
                }
            }
            try (TestServer broken = TestServer.start(c -> new ServerConfig(c.listen(), null, null, false, null,
                    false, true))) {
                errorIds.add(internalError(broken));
                awaitAccessLines(captured);
            }
        } finally {
            handler.flush();
            keysLog.removeHandler(handler);
            keysLog.setUseParentHandlers(parents);
            System.setErr(realErr);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains("token="), "a query string reached the log:\n" + log);
        assertFalse(log.contains("secret="), "a query string reached the log:\n" + log);
        for (String t : tokens) {
            assertFalse(log.contains(t.substring("sntryu_".length())), "a token reached the log: " + t + "\n" + log);
        }
        for (String s : secrets) {
            assertFalse(log.contains(s), "a secret key reached the log: " + s + "\n" + log);
        }
        // And the capture did see the logs, or the checks above prove nothing.
        for (String line : expectedLines) {
            assertTrue(log.contains(line), "the access log lacks \"" + line + "\":\n" + log);
        }
        for (String id : errorIds) {
            assertTrue(log.contains("error " + id), "the error log lacks the 500's errorId " + id + ":\n" + log);
        }
    }

    private static ServerConfig withAccessLog(ServerConfig c) {
        return new ServerConfig(c.listen(), c.urlPrefix(), c.ingestUrl(), c.orgIngestSubdomains(),
                c.jsSdkLoaderCdnUrl(), c.rateLimits(), true);
    }

    private void exercise(TestServer ts) {
        forgedMethod(ts);
        Seed seed = ts.seed();
        Organization org = seed.org("acme");
        Team team = seed.team(org, "web");
        Project project = seed.project(org, "app", team);
        ClientKey existing = seed.key(project, "old", true, keys.domain.UseCase.USER);
        User owner = seed.user("owner@leak.test");
        seed.member(org, owner, OrgRole.OWNER, team);
        String ownerToken = seed.token(owner, Scope.values());
        User reader = seed.user("reader@leak.test");
        seed.member(org, reader, OrgRole.MEMBER, team);
        String readerToken = seed.token(reader, Scope.ORG_READ, Scope.PROJECT_READ);
        String unknownToken = Sources.real().newUserToken();
        tokens.addAll(List.of(ts.adminToken, ownerToken, readerToken, unknownToken));
        secrets.add(existing.secretKey());
        for (ClientKey k : ts.store().state().keys(project.id())) {
            secrets.add(k.secretKey());
        }

        String orgKeys = "/api/0/organizations/acme/project-keys/";
        String keys = "/api/0/projects/acme/app/keys/";
        String inQuery = "?token=" + ownerToken + "&secret=" + existing.secretKey();
        expect(ts, 200, "GET", orgKeys, orgKeys, ownerToken, null);
        expect(ts, 200, "GET", orgKeys + inQuery, orgKeys, ownerToken, null);
        expect(ts, 200, "GET", keys + "?token=" + ts.adminToken + "&secret=" + existing.secretKey(), keys,
                ts.adminToken, null);
        expect(ts, 200, "GET", keys + existing.publicKey() + "/" + inQuery, keys + existing.publicKey() + "/",
                readerToken, null);

        String pub = Sources.real().newKeyHex();
        String sec = Sources.real().newKeyHex();
        secrets.add(sec);
        String given = "{\"name\":\"given\",\"public\":\"" + pub + "\",\"secret\":\"" + sec + "\"}";
        expect(ts, 201, "POST", keys + inQuery, keys, ownerToken, given);
        expect(ts, 400, "POST", keys + inQuery, keys, ownerToken, given); // both values taken
        String other = Sources.real().newKeyHex();
        secrets.add(other);
        expect(ts, 400, "POST", keys, keys, ownerToken, "{\"public\":\"XYZ\",\"secret\":\"" + other + "\"}");
        expect(ts, 400, "POST", keys, keys, ownerToken, "{\"secret\":\"" + other + "\",");
        expect(ts, 403, "POST", keys + "?secret=" + other, keys, readerToken,
                "{\"public\":\"" + Sources.real().newKeyHex() + "\",\"secret\":\"" + other + "\"}");
        expect(ts, 403, "DELETE", keys + existing.publicKey() + "/" + inQuery, keys + existing.publicKey() + "/",
                readerToken, null);

        expect(ts, 401, "GET", orgKeys + "?token=" + unknownToken, orgKeys, unknownToken, null);
        expect(ts, 401, "GET", orgKeys + inQuery, orgKeys, null, null);
        send(ts, 401, orgKeys + inQuery, orgKeys, "Bearer " + ownerToken + " " + readerToken);
        send(ts, 401, orgKeys + inQuery, orgKeys, "Token " + ownerToken);
        expect(ts, 404, "GET", "/api/0/projects/acme/nope/keys/" + inQuery, "/api/0/projects/acme/nope/keys/",
                ownerToken, null);
        expect(ts, 404, "GET", "/api/0/no-such-route/" + inQuery, "/api/0/no-such-route/", ownerToken, null);
        expect(ts, 414, "GET", orgKeys + inQuery + "&pad=" + "x".repeat(9000), orgKeys, ownerToken, null);

        // A token minted through the API is shown once, in the 201 body, and then only its hash is kept.
        HttpResponse<String> minted = ts.send("POST", "/api/0/api-tokens/", ownerToken, "{\"scopes\":[\"org:read\"]}");
        assertEquals(201, minted.statusCode(), minted.body());
        expectedLines.add("POST /api/0/api-tokens/ 201");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.parse(minted.body().getBytes(StandardCharsets.UTF_8));
        String clear = (String) body.get("token");
        assertTrue(clear.startsWith("sntryu_"), minted.body());
        tokens.add(clear);
        expect(ts, 200, "GET", orgKeys + "?token=" + clear, orgKeys, clear, null);
        expect(ts, 403, "POST", keys + "?token=" + clear, keys, clear, "{}");
    }

    /** Waits (at most 10 s) until every expected access-log line is in {@code captured}. */
    private void awaitAccessLines(ByteArrayOutputStream captured) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline
                && !expectedLines.stream().allMatch(captured.toString(StandardCharsets.UTF_8)::contains)) {
            Thread.sleep(10);
        }
    }

    /** Control bytes in the method (the JDK lets ESC and tab through) must not forge log lines. */
    private void forgedMethod(TestServer ts) {
        try (RawHttp raw = RawHttp.connect(RawHttp.port(ts), 10_000)) {
            raw.write("GE\u001bT\t /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(405, raw.read(false).status());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        expectedLines.add("GE?T? /healthz 405");
    }

    private void expect(TestServer ts, int status, String method, String pathAndQuery, String loggedPath,
                        String token, String body) {
        HttpResponse<String> r = ts.send(method, pathAndQuery, token, body);
        assertEquals(status, r.statusCode(), method + " " + loggedPath + " → " + r.body());
        expectedLines.add(method + " " + loggedPath + " " + status);
    }

    private void send(TestServer ts, int status, String pathAndQuery, String loggedPath, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ts.url + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).GET().build();
        HttpResponse<String> r = ts.send(request);
        assertEquals(status, r.statusCode(), loggedPath + " → " + r.body());
        expectedLines.add("GET " + loggedPath + " " + status);
    }

    /**
     * A server without a URL prefix cannot build DSNs: the key routes fail with a 500. The request
     * carries a token and a secret in its query; returns the errorId the client got.
     */
    private String internalError(TestServer broken) {
        Seed seed = broken.seed();
        Organization org = seed.org("acme");
        Project project = seed.project(org, "app");
        ClientKey key = broken.store().state().keys(project.id()).get(0);
        secrets.add(key.secretKey());
        tokens.add(broken.adminToken);
        String path = "/api/0/organizations/acme/project-keys/";
        HttpResponse<String> r = broken.send("GET", path + "?token=" + broken.adminToken + "&secret=" + key.secretKey(),
                broken.adminToken, null);
        assertEquals(500, r.statusCode(), r.body());
        expectedLines.add("GET " + path + " 500");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.parse(r.body().getBytes(StandardCharsets.UTF_8));
        return (String) body.get("errorId");
    }

    /** Every file under the data directory, as bytes: no clear token, nor its 64 hex digits alone. */
    private void noClearTokenIn(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        long total = 0;
        boolean sawData = false;
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            total += bytes.length;
            sawData |= indexOf(bytes, "owner@leak.test".getBytes(StandardCharsets.UTF_8)) >= 0;
            for (String t : tokens) {
                String hex = t.substring("sntryu_".length());
                assertEquals(-1, indexOf(bytes, hex.getBytes(StandardCharsets.US_ASCII)), "clear token in " + f);
                assertEquals(-1, indexOf(bytes, java.util.HexFormat.of().parseHex(hex)), "clear token (as bytes) in " + f);
            }
        }
        assertTrue(total > 0 && sawData, "the data directory holds the fixture: " + files);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
