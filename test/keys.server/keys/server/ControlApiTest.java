package keys.server;

import static keys.server.TestModeHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The control API's contract and its errors (test-mode.md §3): who may call, what bodies it takes, what it answers. */
class ControlApiTest {
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"(sntryu_[0-9a-f]{64})\"");

    static String mint(KeysServer keys, String body) throws Exception {
        HttpResponse<String> r = send(keys, "POST", "/api/0/api-tokens/", body);
        assertEquals(201, r.statusCode(), r.body());
        Matcher m = TOKEN.matcher(r.body());
        assertTrue(m.find(), r.body());
        return m.group(1);
    }

    @Test
    void withoutTestModeTheControlPathsAreOrdinary404sAndSentrysHealthAnswers() throws Exception {
        try (KeysServer keys = KeysServer.builder().inMemory().listen(new java.net.InetSocketAddress("127.0.0.1", 0))
                .start()) {
            HttpResponse<String> control = send(keys, "POST", "/_keys/reset", null);
            HttpResponse<String> other = send(keys, "POST", "/_nothing/reset", null);
            assertEquals(404, control.statusCode());
            assertEquals(other.body(), control.body());
            HttpResponse<String> health = send(keys.port(), null, "GET", "/_health/", null, null);
            assertEquals(200, health.statusCode());
            assertEquals("ok", health.body());
        }
    }

    @Test
    void onlyASuperusersOrgAdminTokenWithoutOriginMayCall() throws Exception {
        try (KeysServer keys = TestModeHttp.start(1)) {
            int port = keys.port();
            send(keys, "POST", "/api/0/organizations/", "{\"name\":\"Acme\"}");
            assertEquals(401, send(port, null, "GET", "/_keys/clock", null, null).statusCode());
            assertEquals(401, send(port, "sntryu_" + "0".repeat(64), "GET", "/_keys/clock", null, null).statusCode());
            String readOnly = mint(keys, "{\"scopes\":[\"org:read\"]}");
            assertEquals(403, send(port, readOnly, "GET", "/_keys/clock", null, null).statusCode());
            String member = mint(keys, "{\"user\":\"bob@example.com\",\"scopes\":[\"org:admin\"]}");
            assertEquals(403, send(port, member, "GET", "/_keys/clock", null, null).statusCode());
            HttpResponse<String> browser = send(port, keys.adminToken(), "POST", "/_keys/reset", null, null,
                    "Origin", "http://127.0.0.1:" + port);
            assertEquals(403, browser.statusCode());
            assertTrue(browser.body().startsWith("{\"detail\":"), browser.body());
            assertEquals(200, send(port, keys.adminToken(), "GET", "/_keys/clock", null, null).statusCode());
            assertTrue(keys.state().organizationBySlug("acme").isPresent(), "the refused reset changed nothing");
        }
    }

    @Test
    void bodiesMustBeJsonObjectsWithKnownFieldsOfTheRightType() throws Exception {
        try (KeysServer keys = TestModeHttp.start(1)) {
            int port = keys.port();
            String admin = keys.adminToken();
            assertEquals(415, send(port, admin, "POST", "/_keys/reset", "seed=1", "text/plain").statusCode());
            assertEquals(415, send(port, admin, "POST", "/_keys/clock/advance", "{\"seconds\":1}", null).statusCode());
            for (String bad : new String[] {"{\"seed\":\"1\"}", "{\"seed\":1.5}", "{\"sead\":1}", "[1]", "{"}) {
                HttpResponse<String> r = send(keys, "POST", "/_keys/reset", bad);
                assertEquals(400, r.statusCode(), bad);
                assertTrue(r.body().startsWith("{\"detail\":\""), r.body());
            }
            assertEquals(400, send(keys, "POST", "/_keys/clock/advance", "{\"seconds\":-1}").statusCode());
            assertEquals(400, send(keys, "PUT", "/_keys/clock", "{\"now\":\"yesterday\"}").statusCode());
            assertEquals(400, send(keys, "PUT", "/_keys/clock", "{\"now\":\"+1000000000-01-01T00:00:00Z\"}").statusCode());
            assertEquals(400, send(keys, "PUT", "/_keys/clock", "{\"now\":\"1969-12-31T23:59:59Z\"}").statusCode());
            assertEquals(400, send(keys, "POST", "/_keys/clock/advance", "{\"seconds\":1e30}").statusCode());
            assertEquals(400, send(keys, "POST", "/_keys/clock/advance", "{\"seconds\":253402300799}").statusCode());
            assertEquals(TestModeHttp.START, keys.clock(), "nothing changed");
            assertEquals(404, send(keys, "GET", "/_keys/nothing", null).statusCode());
            assertEquals(405, send(keys, "GET", "/_keys/reset", null).statusCode());
        }
    }

    @Test
    void resetAnswers204AndTakesAnOptionalSeed() throws Exception {
        try (KeysServer keys = TestModeHttp.start(1); KeysServer two = TestModeHttp.start(2)) {
            send(keys, "POST", "/api/0/organizations/", "{\"name\":\"Acme\"}");
            assertEquals(204, send(keys, "POST", "/_keys/reset", null).statusCode());
            assertTrue(keys.state().organizationBySlug("acme").isEmpty());
            assertEquals(204, send(keys, "POST", "/_keys/reset", "{\"seed\":2}").statusCode());
            assertEquals(TestModeHttp.transcript(send(two, "POST", "/api/0/api-tokens/", "{}")),
                    TestModeHttp.transcript(send(keys, "POST", "/api/0/api-tokens/", "{}")));
        }
    }

    @Test
    void rateLimitWindowsFollowTheTestClockAndResetClearsThem() throws Exception {
        String path = "/api/0/organizations/demo/project-keys/";
        try (KeysServer keys = TestModeHttp.builder().seed(1).rateLimits(true).start()) {
            for (int i = 0; i < 40; i++) {
                assertEquals(404, send(keys, "GET", path, null).statusCode(), "within the window");
            }
            assertEquals(429, send(keys, "GET", path, null).statusCode(), "the clock stands still: the same window");
            send(keys, "POST", "/_keys/reset", null);
            assertEquals(404, send(keys, "GET", path, null).statusCode(), "reset cleared the buckets");
            for (int i = 0; i < 39; i++) {
                send(keys, "GET", path, null);
            }
            assertEquals(429, send(keys, "GET", path, null).statusCode());
            keys.advanceClock(java.time.Duration.ofSeconds(1));
            assertEquals(404, send(keys, "GET", path, null).statusCode(), "the next window");
        }
    }

    @Test
    void clockAnswersInSentrysDateFormat() throws Exception {
        try (KeysServer keys = TestModeHttp.start(1)) {
            assertEquals("{\"now\":\"2026-01-01T00:00:00Z\"}", send(keys, "GET", "/_keys/clock", null).body());
            HttpResponse<String> advanced = send(keys, "POST", "/_keys/clock/advance", "{\"seconds\":1.5}");
            assertEquals(200, advanced.statusCode());
            assertEquals("{\"now\":\"2026-01-01T00:00:01.500000Z\"}", advanced.body());
            HttpResponse<String> set = send(keys, "PUT", "/_keys/clock", "{\"now\":\"2027-02-03T04:05:06.000007Z\"}");
            assertEquals("{\"now\":\"2027-02-03T04:05:06.000007Z\"}", set.body());
            send(keys, "POST", "/api/0/organizations/", "{\"name\":\"Acme\"}");
            assertTrue(send(keys, "GET", "/api/0/organizations/acme/", null).body()
                    .contains("\"dateCreated\":\"2027-02-03T04:05:06.000007Z\""));
        }
    }

    @Test
    void stateExportsAndIsReplacedWholeOrNotAtAll() throws Exception {
        try (KeysServer keys = TestModeHttp.start(1)) {
            send(keys, "POST", "/api/0/organizations/", "{\"name\":\"Acme\"}");
            HttpResponse<String> export = send(keys, "GET", "/_keys/state", null);
            assertEquals(200, export.statusCode());
            assertEquals("application/x-ndjson", export.headers().firstValue("Content-Type").orElseThrow());
            send(keys, "POST", "/_keys/reset", null);
            String broken = export.body().replace("\"type\":\"organization\"", "\"type\":\"organisation\"");
            HttpResponse<String> refused = send(keys.port(), keys.adminToken(), "PUT", "/_keys/state", broken,
                    "application/x-ndjson");
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("line "), refused.body());
            assertTrue(keys.state().organizationBySlug("acme").isEmpty(), "unchanged");
            assertEquals(204, send(keys.port(), keys.adminToken(), "PUT", "/_keys/state", export.body(),
                    "application/x-ndjson").statusCode());
            assertEquals(export.body(), send(keys, "GET", "/_keys/state", null).body());
            String large = export.body() + "\n".repeat(3 << 20); // blank lines may end an export
            assertEquals(204, send(keys.port(), keys.adminToken(), "PUT", "/_keys/state", large,
                    "application/x-ndjson").statusCode(), "an export past the API's 1 MiB body limit");
        }
    }

    @Test
    void theAdminTokenStaysValidWhenTheStateIsReplacedByAnotherServersExport() throws Exception {
        try (KeysServer other = TestModeHttp.start(2); KeysServer keys = TestModeHttp.start(1)) {
            send(other, "POST", "/api/0/organizations/", "{\"name\":\"Acme\"}");
            String export = send(other, "GET", "/_keys/state", null).body();
            assertEquals(204, send(keys.port(), keys.adminToken(), "PUT", "/_keys/state", export,
                    "application/x-ndjson").statusCode());
            assertTrue(keys.state().organizationBySlug("acme").isPresent());
            assertEquals(200, send(keys, "GET", "/_keys/clock", null).statusCode(), "still the admin");
            assertEquals(200, send(keys, "GET", "/api/0/organizations/acme/", null).statusCode());
        }
    }

    @Test
    void snapshotsAreCreatedListedInOrderRestoredAndDeleted() throws Exception {
        try (KeysServer keys = TestModeHttp.start(1)) {
            assertEquals("{\"name\":\"a\",\"keys\":0}", send(keys, "POST", "/_keys/snapshots", "{\"name\":\"a\"}").body());
            send(keys, "POST", "/api/0/organizations/", "{\"name\":\"Acme\"}");
            assertEquals(201, send(keys, "POST", "/_keys/snapshots", "{\"name\":\"b\"}").statusCode());
            send(keys, "POST", "/_keys/snapshots", "{\"name\":\"a\"}");
            assertEquals("[{\"name\":\"b\",\"keys\":0},{\"name\":\"a\",\"keys\":0}]",
                    send(keys, "GET", "/_keys/snapshots", null).body(), "a replaced name moves to the end");
            assertEquals(400, send(keys, "POST", "/_keys/snapshots", "{\"name\":\"a b\"}").statusCode());
            assertEquals(400, send(keys, "POST", "/_keys/snapshots", "{}").statusCode());
            send(keys, "POST", "/_keys/reset", null);
            assertEquals(204, send(keys, "POST", "/_keys/snapshots/b/restore", null).statusCode());
            assertTrue(keys.state().organizationBySlug("acme").isPresent(), "restored");
            assertEquals(404, send(keys, "POST", "/_keys/snapshots/zz/restore", null).statusCode());
            assertEquals(204, send(keys, "DELETE", "/_keys/snapshots/b", null).statusCode());
            assertEquals(404, send(keys, "DELETE", "/_keys/snapshots/b", null).statusCode());
        }
    }
}
