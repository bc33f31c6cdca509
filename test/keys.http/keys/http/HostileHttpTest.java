package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real server under hostile HTTP over raw sockets: thousands of generated bad requests (see
 * {@link HttpMutations}) and targeted cases for the limits, framing, slow and vanishing clients.
 * The server must never answer 5xx, never hang, keep serving good requests between bad ones,
 * answer errors as Sentry-shaped JSON, and keep its heap bounded. {@code -Dkeys.fuzz.cases=N}
 * scales the mixed run; {@code -Dkeys.seed=S} replays one.
 */
class HostileHttpTest {
    static final long HEAP_BOUND = 512L << 20;
    static TestServer ts;
    static FuzzTarget target;

    @BeforeAll
    static void start() {
        ts = TestServer.start();
        target = FuzzTarget.seed(ts);
    }

    @AfterAll
    static void stop() {
        ts.close();
    }

    static FuzzReport one(HostileCase c) {
        try (FuzzRunner runner = new FuzzRunner(target)) {
            return runner.runOne(c);
        }
    }

    static void assertClean(FuzzReport r) {
        assertEquals(List.of(), r.violations, r::summary);
    }

    static RawRequest postKey() {
        return HttpMutations.request("POST", "/api/0/projects/fuzz/alpha/keys/", target.adminToken())
                .header("Content-Type", "application/json");
    }

    static RawHttp connect() throws IOException {
        return RawHttp.connect(target.port(), FuzzRunner.TIMEOUT_MILLIS);
    }

    @Test
    void mixedHostileTrafficIsNeverAnswered5xxNorHangs() {
        int cases = Integer.getInteger("keys.fuzz.cases", 10_000);
        Long fixed = Long.getLong("keys.seed");
        long seed = fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
        FuzzReport r;
        try (FuzzRunner runner = new FuzzRunner(target)) {
            r = runner.run(seed, cases, 50, System.nanoTime() + TimeUnit.HOURS.toNanos(1));
        }
        System.out.println("HostileHttpTest: " + r.summary());
        assertEquals(cases, r.cases, r::summary);
        assertClean(r);
        assertEquals(0, r.unexpectedFiveXx(), r::summary);
        assertTrue(r.replies > cases / 2, r::summary); // most cases reached a server that answered

        long used = heapAfterGc();
        assertTrue(used < HEAP_BOUND, "heap after GC " + (used >> 20) + " MiB");
        assertClean(one(HostileCase.answered("good", HttpMutations.request("GET", target.probePath(),
                target.adminToken())).expect(200)));
    }

    static long heapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    @Test
    void urlsPast8KiBAre414AndAtTheLimitAreServed() {
        for (int length : new int[] {Request.MAX_URL - 1, Request.MAX_URL}) {
            assertClean(one(HostileCase.answered("url", HttpMutations.request("GET", target(length),
                    target.adminToken())).expect(200)));
        }
        for (int length : new int[] {Request.MAX_URL + 1, 16 << 10, 60_000}) {
            assertClean(one(HostileCase.answered("url", HttpMutations.request("GET", target(length), null)).expect(414)));
        }
        // Past the 64 KiB header limit the JDK drops the connection; it must not hang or 5xx.
        assertClean(one(HostileCase.raw("url", HttpMutations.request("GET", target(70_000), null).bytes())));
    }

    /** The list endpoint with a query padded to exactly {@code length} characters of request target. */
    private static String target(int length) {
        String base = "/api/0/organizations/fuzz/project-keys/?per_page=5&pad=";
        return base + "x".repeat(length - base.length());
    }

    @Test
    void bodiesPast1MiBAre413() throws IOException {
        // Declared too long: refused before a byte of the body is read.
        RawRequest declared = postKey().header("Content-Length", Long.toString(Request.MAX_BODY + 1L));
        assertClean(one(new HostileCase("declared", declared.bytes(), HostileCase.Delivery.HALF_CLOSE, false,
                413, false, 1)));
        // Chunked 1.5 MiB: read whole, then refused; the connection stays usable.
        byte[] piece = new byte[64 << 10];
        Arrays.fill(piece, (byte) ' ');
        byte[][] pieces = new byte[24][];
        Arrays.fill(pieces, piece);
        try (RawHttp conn = connect()) {
            conn.write(postKey().header("Transfer-Encoding", "chunked").rawBody(RawRequest.chunked(pieces)).bytes());
            RawHttp.Reply r = conn.read(false);
            assertEquals(413, r.status(), r.text());
            assertNull(FuzzRunner.bodyProblem(r, false));
            conn.write(HttpMutations.request("GET", target.probePath(), target.adminToken()).bytes());
            assertEquals(target.probeBody(), conn.read(false).text());
        }
        // Exactly 1 MiB is within the limit: parsed (and refused as JSON), not 413.
        byte[] max = new byte[Request.MAX_BODY];
        Arrays.fill(max, (byte) 'x');
        try (RawHttp conn = connect()) {
            conn.write(postKey().body(max).bytes());
            RawHttp.Reply r = conn.read(false);
            assertEquals(400, r.status(), r.text());
            assertTrue(r.text().contains("JSON parse error"), r.text());
        }
    }

    @Test
    void aShortBodyThenACloseEndsTheExchange() throws IOException {
        RawRequest r = postKey().header("Content-Length", "100").rawBody("{\"name\":".getBytes(StandardCharsets.UTF_8));
        // FIN after the short body: the server must close (it cannot answer a request it never got whole).
        try (RawHttp conn = connect()) {
            conn.write(r.bytes());
            conn.shutdownOutput();
            try {
                RawHttp.Reply reply = conn.read(false);
                assertTrue(reply.status() < 500, reply.text());
            } catch (EOFException e) {
                // closed without a reply: fine
            }
        }
        assertClean(one(new HostileCase("short", r.bytes(), HostileCase.Delivery.HALF_CLOSE, false, 0, true, 1)));
        assertClean(one(new HostileCase("short", r.bytes(), HostileCase.Delivery.ABORT, false, 0, true, 1)));
    }

    @Test
    void malformedChunkSizesNeither5xxNorHang() {
        List<String> tails = List.of("hello\r\n0\r\n\r\n", "hello", "", "hello\r\n0\r\nX-T: v\r\n\r\n");
        for (String size : FramingMutations.BAD_CHUNK_SIZES) {
            for (String tail : tails) {
                byte[] bytes = postKey().header("Transfer-Encoding", "chunked")
                        .rawBody((size + "\r\n" + tail).getBytes(StandardCharsets.ISO_8859_1)).bytes();
                assertClean(one(new HostileCase("chunk " + size, bytes, HostileCase.Delivery.HALF_CLOSE, false,
                        0, true, 1)));
            }
        }
    }

    /**
     * Regression: the JDK's chunked decoder reads a chunk size of 0x80000000 or more as a negative
     * int and then fails with IndexOutOfBoundsException, which reached the dispatcher as a 500.
     * Broken framing now ends the connection, as the JDK does for its other chunk errors.
     */
    @Test
    void aChunkSizePastIntRangeIsNotAnInternalError() throws IOException {
        for (String size : List.of("80000000", "ffffffff")) {
            try (RawHttp conn = connect()) {
                conn.write(postKey().header("Transfer-Encoding", "chunked")
                        .rawBody((size + "\r\nhello\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII)).bytes());
                try {
                    RawHttp.Reply r = conn.read(false);
                    assertTrue(r.status() < 500, size + ": " + r.status() + " " + r.text());
                } catch (EOFException e) {
                    // closed without a reply: what the JDK does for every other malformed chunk
                }
            }
        }
    }

    @Test
    void slowClientsAreServed() throws Exception {
        byte[] get = HttpMutations.request("GET", target.probePath(), target.adminToken()).bytes();
        byte[] post = postKey().json("{\"name\":\"slow\"}").bytes();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RawHttp.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                byte[] request = i == 3 ? post : get;
                replies.add(pool.submit(() -> {
                    try (RawHttp conn = connect()) {
                        // About two seconds per request: well past any per-read timeout the server might have.
                        conn.writeSlowly(request, 1, 2000 / request.length + 1);
                        return conn.read(false);
                    }
                }));
            }
            for (int i = 0; i < 3; i++) {
                RawHttp.Reply r = replies.get(i).get(30, TimeUnit.SECONDS);
                assertEquals(200, r.status(), r.text());
                assertEquals(target.probeBody(), r.text());
            }
            assertEquals(201, replies.get(3).get(30, TimeUnit.SECONDS).status());
        }
    }

    /**
     * Regression: a client that stops mid-request (half a request line, headers without their
     * blank line, a body shorter than its Content-Length) held its connection, and a thread,
     * forever: the JDK server has no request timeout unless asked. Now the server closes it once
     * the request has taken {@link Server#MAX_REQUEST_SECONDS}. Waits that long, all three at once.
     */
    @Test
    void clientsThatStallMidRequestAreDisconnected() throws Exception {
        List<String> stalls = List.of("GET /heal",
                "GET /healthz HTTP/1.1\r\nHost: x\r\n",
                "POST /api/0/organizations/ HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{\"na");
        int patience = (Server.MAX_REQUEST_SECONDS + 15) * 1000;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> closed = new ArrayList<>();
            for (String stall : stalls) {
                closed.add(pool.submit(() -> {
                    try (RawHttp conn = RawHttp.connect(target.port(), patience)) {
                        conn.write(stall.getBytes(StandardCharsets.US_ASCII));
                        return conn.closedByServer();
                    }
                }));
            }
            for (int i = 0; i < stalls.size(); i++) {
                assertTrue(closed.get(i).get(), "still open after " + patience + " ms: " + stalls.get(i));
            }
        }
    }

    @Test
    void connectionsCutMidRequestLeaveTheServerServing() throws Exception {
        byte[] whole = postKey().json("{\"name\":\"cut\"}").bytes();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> cuts = new ArrayList<>();
            for (int at = 0; at < whole.length; at += 7) {
                int cut = at;
                cuts.add(pool.submit(() -> {
                    RawHttp conn = connect();
                    conn.write(Arrays.copyOf(whole, cut));
                    if (cut % 2 == 0) {
                        conn.abort();
                    } else {
                        conn.close();
                    }
                    return null;
                }));
            }
            for (Future<?> f : cuts) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
        assertClean(one(HostileCase.answered("good", HttpMutations.request("GET", target.probePath(),
                target.adminToken())).expect(200)));
    }

    @Test
    void deepJsonAndHugeNumbersAre400() throws IOException {
        try (RawHttp conn = connect()) {
            conn.write(postKey().json("[".repeat(10_000) + "]".repeat(10_000)).bytes());
            RawHttp.Reply deep = conn.read(false);
            assertEquals(400, deep.status(), deep.text());
            assertTrue(deep.text().startsWith("{\"detail\":\"JSON parse error - "), deep.text());

            conn.write(postKey().json("{\"rateLimit\":{\"count\":1e999999999,\"window\":-1e999999999}}").bytes());
            RawHttp.Reply huge = conn.read(false);
            assertEquals(400, huge.status(), huge.text());
            assertTrue(huge.text().startsWith("{\"rateLimit\":{\"count\":["), huge.text());
        }
    }

    @Test
    void theOracleRejectsWhatItShould() {
        assertNull(FuzzRunner.bodyProblem(reply(400, "{\"detail\":\"x\"}"), false));
        assertNull(FuzzRunner.bodyProblem(reply(400, "{\"name\":[\"x\"],\"rateLimit\":{\"count\":[\"y\"]}}"), false));
        assertNull(FuzzRunner.bodyProblem(reply(500, "{\"detail\":\"Internal Error\",\"errorId\":\"ab\"}"), false));
        assertNotNull(FuzzRunner.bodyProblem(reply(500, "{\"detail\":\"Internal Error\"}"), false));
        assertNotNull(FuzzRunner.bodyProblem(reply(400, "{\"x\":1}"), false));
        assertNotNull(FuzzRunner.bodyProblem(reply(400, "[]"), false));
        assertNotNull(FuzzRunner.bodyProblem(reply(404, "{\"detail\":"), false));
        assertNotNull(FuzzRunner.bodyProblem(reply(400, ""), false));
        // And the runner counts a 5xx from our dispatcher as a violation.
        FuzzReport r = new FuzzReport(1);
        r.status(500);
        assertNotEquals(0, r.unexpectedFiveXx());
    }

    /** The runner itself must see a hang and a 5xx, or its silence above would mean nothing. */
    @Test
    void theRunnerReportsAServerThatHangsOrAnswers500() throws Exception {
        // The socket is closed first (resources close in reverse), which ends the accept loop
        // that the pool's close then waits for.
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
             ServerSocket fake = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            pool.submit(() -> serveBadly(fake, pool));
            FuzzTarget faked = target.withPort(fake.getLocalPort());
            try (FuzzRunner runner = new FuzzRunner(faked, 300)) {
                FuzzReport silent = runner.runOne(HostileCase.answered("x", RawRequest.get("/silent").host()));
                assertTrue(silent.violations.stream().anyMatch(v -> v.contains("(hang)")), silent::summary);
                FuzzReport failing = runner.runOne(HostileCase.answered("x", RawRequest.get("/fail").host()));
                assertTrue(failing.violations.stream().anyMatch(v -> v.contains("answered 500")), failing::summary);
                assertEquals(1, failing.unexpectedFiveXx(), failing::summary);
            }
        }
    }

    /** A fake server: never answers {@code /silent}, answers everything else with a bare 500. */
    private static Void serveBadly(ServerSocket fake, ExecutorService pool) {
        while (true) {
            Socket s;
            try {
                s = fake.accept();
            } catch (IOException closed) {
                return null;
            }
            pool.submit(() -> {
                try (s) {
                    byte[] head = new byte[4096];
                    int n = s.getInputStream().read(head);
                    if (n > 0 && new String(head, 0, n, StandardCharsets.ISO_8859_1).contains("/silent")) {
                        Thread.sleep(2000);
                    } else {
                        s.getOutputStream().write("HTTP/1.1 500 Oops\r\nContent-Length: 4\r\n\r\noops"
                                .getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                        s.getInputStream().read(head); // hold the connection until the client goes
                    }
                }
                return null;
            });
        }
    }

    private static RawHttp.Reply reply(int status, String body) {
        List<String[]> headers = List.<String[]>of(new String[] {"Content-Type", "application/json"});
        return new RawHttp.Reply(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
