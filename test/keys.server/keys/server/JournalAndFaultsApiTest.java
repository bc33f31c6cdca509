package keys.server;

import static keys.server.TestModeHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import keys.http.ConnectionFault;
import keys.http.FaultSpec;
import keys.http.JournalEntry;

/** The request journal (test-mode.md §3.4) and faults (§3.5), over HTTP. */
class JournalAndFaultsApiTest {
    private static final String ORGS = "/api/0/organizations/";

    @Test
    void theJournalRecordsOrdinaryRequestsWithoutTokensOrProbesOrControlCalls() throws Exception {
        try (KeysServer keys = TestModeHttp.start(1)) {
            send(keys, "GET", ORGS + "?per_page=5", null);
            send(keys.port(), null, "GET", ORGS, null, null);
            send(keys.port(), null, "GET", "/healthz", null, null);
            send(keys.port(), null, "GET", "/_health/", null, null);
            send(keys, "GET", "/_keys/clock", null);
            HttpResponse<String> journal = send(keys, "GET", "/_keys/requests", null);
            assertEquals("[{\"seq\":1,\"method\":\"GET\",\"path\":\"/api/0/organizations/\",\"query\":\"per_page=5\","
                    + "\"status\":200,\"user\":\"admin\",\"fault\":null},{\"seq\":2,\"method\":\"GET\","
                    + "\"path\":\"/api/0/organizations/\",\"query\":null,\"status\":401,\"user\":null,\"fault\":null}]",
                    journal.body());
            assertFalse(journal.body().contains("sntryu_"));
            assertEquals("[{\"seq\":2", send(keys, "GET", "/_keys/requests?since=1", null).body().substring(0, 9));
            assertEquals(204, send(keys, "DELETE", "/_keys/requests", null).statusCode());
            send(keys, "POST", "/_keys/reset", null);
            send(keys, "GET", ORGS, null);
            assertEquals(List.of(3L), keys.requests().stream().map(JournalEntry::seq).toList(), "seq never restarts");
            assertEquals(400, send(keys, "GET", "/_keys/requests?waitMillis=30001", null).statusCode());
            assertEquals(400, send(keys, "GET", "/_keys/requests?since=x", null).statusCode());
        }
    }

    @Test
    void theJournalKeepsTheLastTenThousand() throws Exception {
        try (KeysServer keys = TestModeHttp.start(1)) {
            for (int i = 0; i < 10_001; i++) {
                send(keys.port(), null, "GET", "/nothing/" + i, null, null);
            }
            List<JournalEntry> entries = keys.requests();
            assertEquals(10_000, entries.size());
            assertEquals(2, entries.getFirst().seq());
            assertEquals("/nothing/10000", entries.getLast().path());
        }
    }

    @Test
    void waitMillisReturnsOnceARequestArrives() throws Exception {
        try (KeysServer keys = TestModeHttp.start(1)) {
            CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return send(keys, "GET", "/_keys/requests?since=0&waitMillis=30000", null);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            while (!waiting.isDone()) {
                send(keys.port(), null, "GET", "/from-the-background", null, null);
                if (!waiting.isDone()) {
                    Thread.sleep(50);
                }
            }
            assertTrue(waiting.get().body().contains("\"path\":\"/from-the-background\""), waiting.get().body());
        }
    }

    @Test
    void aFaultMatchesByTemplateAndMethodBeforeAuthenticationAndIsUsedUp() throws Exception {
        try (KeysServer keys = TestModeHttp.start(1)) {
            HttpResponse<String> added = send(keys, "POST", "/_keys/faults", "{\"method\":\"GET\","
                    + "\"path\":\"/api/0/organizations/{org}/project-keys/\",\"status\":503,\"times\":2}");
            assertEquals(201, added.statusCode());
            assertEquals("{\"id\":\"f1\",\"method\":\"GET\",\"path\":\"/api/0/organizations/{org}/project-keys/\","
                    + "\"status\":503,\"body\":null,\"delayMillis\":0,\"times\":2,\"probability\":1,"
                    + "\"connectionFault\":null}", added.body());
            assertEquals(405, send(keys, "POST", "/api/0/organizations/acme/project-keys/", "{}").statusCode(),
                    "another method");
            HttpResponse<String> hit = send(keys.port(), null, "GET", "/api/0/organizations/nope/project-keys/", null, null);
            assertEquals(503, hit.statusCode());
            assertEquals("{\"detail\":\"Injected fault\"}", hit.body());
            assertTrue(send(keys, "GET", "/_keys/faults", null).body().contains("\"times\":1"));
            assertEquals(503, send(keys, "GET", "/api/0/organizations/x/project-keys/", null).statusCode());
            assertEquals("[]", send(keys, "GET", "/_keys/faults", null).body(), "used up");
            assertEquals(404, send(keys, "GET", "/api/0/organizations/x/project-keys/", null).statusCode());
            assertEquals("f1", keys.requests().get(1).fault());
        }
    }

    @Test
    void aRateLimitFaultSendsRetryAfterAndTheRateLimitHeaders() throws Exception {
        try (KeysServer keys = TestModeHttp.start(1)) {
            send(keys, "POST", "/_keys/faults", "{\"path\":\"/api/0/organizations/\",\"status\":429,"
                    + "\"body\":\"slow down\",\"times\":null}");
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = send(keys, "GET", ORGS, null);
                assertEquals(429, r.statusCode());
                assertEquals("\"slow down\"", r.body());
                assertTrue(r.headers().firstValue("Retry-After").isPresent());
                assertEquals("0", r.headers().firstValue("X-Sentry-Rate-Limit-Remaining").orElseThrow());
            }
            assertTrue(send(keys, "GET", "/_keys/faults", null).body().contains("\"times\":null"), "unlimited");
            assertEquals(204, send(keys, "DELETE", "/_keys/faults/f1", null).statusCode());
            assertEquals(404, send(keys, "DELETE", "/_keys/faults/f1", null).statusCode());
            assertEquals(200, send(keys, "GET", ORGS, null).statusCode());
        }
    }

    @Test
    void connectionFaultsBreakTheConnectionAndAreJournaledWithoutStatus() throws Exception {
        try (KeysServer keys = TestModeHttp.start(1)) {
            keys.addFault(FaultSpec.connection("/api/0/organizations/", ConnectionFault.EMPTY_RESPONSE));
            assertEquals("", rawGet(keys.port(), ORGS), "not a byte of answer");
            keys.addFault(FaultSpec.connection("/api/0/organizations/", ConnectionFault.MALFORMED_RESPONSE_CHUNK));
            String raw = rawGet(keys.port(), ORGS);
            assertTrue(raw.startsWith("HTTP/1.1 200 "), raw);
            int length = Integer.parseInt(raw.replaceAll("(?s).*[Cc]ontent-[Ll]ength: (\\d+).*", "$1"));
            assertTrue(raw.substring(raw.indexOf("\r\n\r\n") + 4).length() < length, "a body cut short: " + raw);
            assertEquals(200, send(keys, "GET", ORGS, null).statusCode(), "the server goes on");
            List<JournalEntry> j = keys.requests();
            assertEquals(null, j.get(0).status());
            assertEquals("f2", j.get(1).fault());
        }
    }

    /** One GET on a fresh connection, read until the server closes it. */
    static String rawGet(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void faultsAreRefusedWithA400ForWrongValuesAndChangeNothing() throws Exception {
        try (KeysServer keys = TestModeHttp.start(1)) {
            for (String bad : new String[] {"{}", "{\"path\":\"/x\",\"connectionFault\":\"RESET\"}",
                    "{\"path\":\"/x\",\"status\":200}", "{\"path\":\"/x\",\"probability\":1.5}",
                    "{\"path\":\"/x\",\"delayMillis\":60001}", "{\"path\":\"/x\",\"times\":0}",
                    "{\"path\":\"/x\",\"colour\":\"red\"}", "{\"path\":\"/x\",\"status\":\"503\"}"}) {
                HttpResponse<String> r = send(keys, "POST", "/_keys/faults", bad);
                assertEquals(400, r.statusCode(), bad);
                assertTrue(r.body().startsWith("{\"detail\":\""), r.body());
            }
            assertEquals("[]", send(keys, "GET", "/_keys/faults", null).body());
        }
    }

    @Test
    void aSeededProbabilityHitsTheSameRequestsOnTwoServersAndShiftsNoKeys() throws Exception {
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        try (KeysServer a = TestModeHttp.start(9); KeysServer b = TestModeHttp.start(9)) {
            for (KeysServer keys : List.of(a, b)) {
                send(keys, "POST", "/_keys/faults", "{\"path\":\"/nothing/\",\"status\":500,\"times\":null,"
                        + "\"probability\":0.5}");
                for (int i = 0; i < 40; i++) {
                    (keys == a ? first : second).add(send(keys, "GET", "/nothing/", null).statusCode());
                }
            }
            assertEquals(first, second);
            assertTrue(first.contains(500) && first.contains(404), first.toString());
            try (KeysServer c = TestModeHttp.start(9)) {
                assertEquals(TestModeHttp.transcript(send(c, "POST", "/api/0/api-tokens/", "{}")),
                        TestModeHttp.transcript(send(a, "POST", "/api/0/api-tokens/", "{}")),
                        "drawing for faults shifted no token");
            }
        }
    }
}
