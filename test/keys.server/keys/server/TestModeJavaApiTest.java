package keys.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keys.http.SnapshotInfo;

/** Test mode's Java controls on {@link KeysServer} (test-mode.md §3, §4): what a JUnit extension calls. */
class TestModeJavaApiTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    static KeysServer start(long seed) {
        return KeysServer.builder().testMode().seed(seed).clock(START).urlPrefix("http://keys.test").listen(ANY_PORT)
                .start();
    }

    static HttpResponse<String> send(KeysServer keys, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keys.port() + path))
                .header("Authorization", "Bearer " + keys.adminToken());
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String createOrg(KeysServer keys, String name) throws Exception {
        HttpResponse<String> r = send(keys, "POST", "/api/0/organizations/", "{\"name\":\"" + name + "\"}");
        assertEquals(201, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void resetComesBackToTheStartStateAndAnswersAsAFreshServer() throws Exception {
        try (KeysServer keys = start(7)) {
            String first = createOrg(keys, "Acme");
            createOrg(keys, "Other");
            keys.reset();
            assertEquals(first, createOrg(keys, "Acme"), "same id, slug and date as the first time");
        }
    }

    @Test
    void restoreBringsBackStateIdCounterAndClock() throws Exception {
        try (KeysServer keys = start(7)) {
            createOrg(keys, "Acme");
            SnapshotInfo info = keys.snapshot("before");
            assertEquals(new SnapshotInfo("before", 0), info);
            String next = createOrg(keys, "Next");
            keys.advanceClock(Duration.ofSeconds(90));
            keys.restore("before");
            assertEquals(START, keys.clock());
            assertEquals(next, createOrg(keys, "Next"), "the suffix replays identically");
            assertEquals(List.of(info), keys.snapshots());
            assertThrows(NoSuchElementException.class, () -> keys.restore("missing"));
            assertThrows(IllegalArgumentException.class, () -> keys.snapshot("no spaces"));
        }
    }

    @Test
    void theSameSeedGivesTheSameAdminTokenAndAnotherSeedAnother() {
        try (KeysServer a = start(1); KeysServer b = start(1); KeysServer c = start(2)) {
            assertEquals(a.adminToken(), b.adminToken());
            assertNotEquals(a.adminToken(), c.adminToken());
        }
    }

    @Test
    void reseedingAnswersAsAFreshServerWithThatSeedButKeepsTheAdminToken() throws Exception {
        try (KeysServer a = start(1); KeysServer b = start(2)) {
            String token = a.adminToken();
            a.reset(2);
            assertEquals(token, a.adminToken());
            assertEquals(200, send(a, "GET", "/api/0/organizations/", null).statusCode(), "the token still works");
            assertEquals(createOrg(b, "Acme"), createOrg(a, "Acme"));
        }
    }

    @Test
    void theClockStandsStillUnlessMoved() {
        try (KeysServer keys = start(1)) {
            assertEquals(START, keys.clock());
            assertEquals(START.plusMillis(1500), keys.advanceClock(Duration.ofMillis(1500)));
            keys.setClock(START.plusSeconds(3600));
            assertEquals(START.plusSeconds(3600), keys.clock());
            keys.reset();
            assertEquals(START, keys.clock());
        }
    }

    @Test
    void readyFileHoldsUrlPortAndAdminTokenWithMode0600() throws Exception {
        Path ready = tmp.resolve("ready.json");
        try (KeysServer keys = KeysServer.builder().testMode().listen(ANY_PORT).readyFile(ready).start()) {
            assertEquals("{\"url\":\"" + keys.url() + "\",\"port\":" + keys.port() + ",\"adminToken\":\""
                    + keys.adminToken() + "\"}\n", Files.readString(ready));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ready)));
        }
    }

    @Test
    void aFixtureIsTheStartStateAndStateExportsAsKeysExportDoes() throws Exception {
        ByteArrayOutputStream export = new ByteArrayOutputStream();
        try (KeysServer keys = start(3)) {
            createOrg(keys, "Acme");
            keys.exportState(export);
        }
        Path fixture = tmp.resolve("fixture.jsonl");
        Files.write(fixture, export.toByteArray());
        try (KeysServer keys = KeysServer.builder().testMode().fixture(fixture).listen(ANY_PORT).start()) {
            assertTrue(keys.state().organizationBySlug("acme").isPresent());
            assertEquals(null, keys.adminToken(), "the fixture holds a superuser");
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            keys.exportState(again);
            assertEquals(export.toString(StandardCharsets.UTF_8), again.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void testModeFlagsAreRefusedWithoutTestModeAndTestModeRefusesData() {
        assertThrows(KeysServerConfigException.class, () -> KeysServer.builder().inMemory().seed(1).start());
        assertThrows(KeysServerConfigException.class, () -> KeysServer.builder().inMemory().clock(START).start());
        assertThrows(KeysServerConfigException.class, () -> KeysServer.builder().inMemory().fixture(tmp).start());
        assertThrows(KeysServerConfigException.class, () -> KeysServer.builder().testMode().dataDirectory(tmp).start());
    }
}
