package keys.http;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;

import keys.json.Json;
import keys.json.JsonParseException;
import keys.testing.Gen;
import keys.testing.Source;

/**
 * Sends hostile cases to a live server over raw sockets and judges every reply: no 5xx, no hang
 * (each read waits at most {@link #TIMEOUT_MILLIS}), error bodies in Sentry's JSON shape, no stack
 * traces, and, every {@code probeEvery} cases, a known-good request that must still get its 200
 * with the same body. Well-framed cases share one keep-alive connection; the rest get their own.
 */
public final class FuzzRunner implements AutoCloseable {
    public static final int TIMEOUT_MILLIS = 5000;

    private final FuzzTarget target;
    private final int timeoutMillis;
    private final Gen<HostileCase> gen;
    private RawHttp shared; // keep-alive connection for well-framed cases
    private boolean sharedUsed; // a reply came on it: a later EOF may just mean it went stale
    private RawHttp probe;
    private FuzzReport report;
    private int index;

    public FuzzRunner(FuzzTarget target) {
        this(target, TIMEOUT_MILLIS);
    }

    /** With another read timeout: the runner's own tests use a short one against a silent fake server. */
    public FuzzRunner(FuzzTarget target, int timeoutMillis) {
        this.target = target;
        this.timeoutMillis = timeoutMillis;
        this.gen = HttpMutations.any(target);
    }

    /** Runs {@code cases} cases from {@code seed}, stopping early at {@code deadlineNanos} (System.nanoTime). */
    public FuzzReport run(long seed, int cases, int probeEvery, long deadlineNanos) {
        report = new FuzzReport(seed);
        for (index = 0; index < cases && System.nanoTime() - deadlineNanos < 0; index++) {
            HostileCase c = gen.generate(Source.random(caseSeed(seed, index)));
            report.cases++;
            report.kinds.merge(c.kind(), 1, Integer::sum);
            execute(c);
            if ((index + 1) % probeEvery == 0) {
                probe(c);
            }
        }
        probe(null);
        return report;
    }

    /** Runs one given case (for targeted tests) and returns the report of that case alone. */
    public FuzzReport runOne(HostileCase c) {
        report = new FuzzReport(0);
        index = 0;
        report.cases = 1;
        execute(c);
        probe(c);
        return report;
    }

    /** SplitMix64 of the run seed and the case number: independent, reproducible case seeds. */
    static long caseSeed(long seed, long i) {
        long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void execute(HostileCase c) {
        try {
            switch (c.delivery()) {
                case KEEP_ALIVE -> keepAlive(c, true);
                case FRESH, HALF_CLOSE -> fresh(c);
                case ABORT -> abort(c);
            }
        } catch (IOException e) {
            report.violation(index, c, "could not connect or write: " + e);
        }
    }

    private void keepAlive(HostileCase c, boolean mayRetry) throws IOException {
        if (shared == null) {
            shared = RawHttp.connect(target.port(), timeoutMillis);
            sharedUsed = false;
        }
        boolean reused = sharedUsed;
        try {
            shared.write(c.request());
        } catch (IOException e) {
            dropShared();
            if (reused && mayRetry) {
                keepAlive(c, false);
                return;
            }
            throw e;
        }
        for (int i = 0; i < c.replies(); i++) {
            try {
                RawHttp.Reply r = shared.read(c.head());
                sharedUsed = true;
                judge(c, r);
                if (r.closes()) {
                    dropShared();
                    return;
                }
            } catch (IOException e) {
                dropShared();
                boolean stale = !(e instanceof SocketTimeoutException) && !(e instanceof ProtocolException);
                if (stale && i == 0 && reused && mayRetry) {
                    // The server had closed this connection after the previous exchange (as it may,
                    // e.g. after "Connection: close"): not this case's doing, so send it again.
                    keepAlive(c, false);
                    return;
                }
                if (e instanceof EOFException) {
                    noReply(c, "closed without a reply");
                } else {
                    failedRead(c, e);
                }
                return;
            }
        }
    }

    private void fresh(HostileCase c) throws IOException {
        try (RawHttp conn = RawHttp.connect(target.port(), timeoutMillis)) {
            try {
                conn.write(c.request());
                if (c.delivery() == HostileCase.Delivery.HALF_CLOSE) {
                    conn.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may refuse before reading everything; what it answered is judged below.
            }
            for (int i = 0; i < c.replies(); i++) {
                RawHttp.Reply r;
                try {
                    r = conn.read(c.head());
                } catch (EOFException e) {
                    noReply(c, "closed without a reply");
                    return;
                } catch (IOException e) {
                    failedRead(c, e);
                    return;
                }
                judge(c, r);
                if (r.closes()) {
                    break;
                }
            }
            // The client has said all it will: the server must let go of the connection in time.
            if (c.delivery() == HostileCase.Delivery.HALF_CLOSE && !drainedToClose(conn)) {
                report.violation(index, c, "server kept a half-closed connection open for "
                        + timeoutMillis + " ms (hang)");
            }
        }
    }

    private boolean drainedToClose(RawHttp conn) {
        try {
            while (!conn.closedByServer()) {
                // a reply to leftover bytes: read on until the end
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void abort(HostileCase c) throws IOException {
        RawHttp conn = RawHttp.connect(target.port(), timeoutMillis);
        try {
            conn.write(c.request());
        } catch (IOException e) {
            // already gone: the reset below is the point anyway
        }
        conn.abort();
    }

    private void noReply(HostileCase c, String what) {
        if (c.mayClose()) {
            report.closed++;
        } else {
            report.violation(index, c, what);
        }
    }

    private void failedRead(HostileCase c, IOException e) {
        if (e instanceof SocketTimeoutException) {
            report.violation(index, c, "no reply within " + timeoutMillis + " ms (hang)");
        } else if (e instanceof ProtocolException) {
            report.violation(index, c, "malformed reply: " + e.getMessage());
        } else {
            noReply(c, "connection reset without a reply: " + e);
        }
    }

    private void dropShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** The rules every reply must keep. */
    private void judge(HostileCase c, RawHttp.Reply r) {
        report.status(r.status());
        boolean ours = r.header("Access-Control-Allow-Headers") != null; // set by our dispatcher only
        if (!ours) {
            report.protocolReplies++;
        }
        String text = r.text();
        if (r.status() >= 500) {
            if (!ours && r.status() == 501 && c.declaresTransferEncoding()) {
                report.notImplementedTransferCodings++;
            } else {
                report.violation(index, c, "answered " + r.status() + (ours ? "" : " (JDK layer)") + ": " + clip(text));
            }
        }
        if (c.expectStatus() != 0 && r.status() != c.expectStatus()) {
            report.violation(index, c, "expected " + c.expectStatus() + ", got " + r.status() + ": " + clip(text));
        }
        if (text.contains("\tat ") || text.contains(".java:")) {
            report.violation(index, c, "stack trace in the reply: " + clip(text));
        }
        if (!ours) {
            if (r.status() < 400) {
                report.violation(index, c, "JDK layer answered " + r.status() + " without our dispatcher");
            }
            return;
        }
        String problem = bodyProblem(r, c.head());
        if (problem != null) {
            report.violation(index, c, problem);
        }
    }

    /** Sentry's CatchallEndpoint answer for an unknown /api/0/ path: an empty 404, or the trailing-slash hint. */
    private static boolean isCatchall(RawHttp.Reply r) {
        String type = r.header("Content-Type");
        if (r.status() != 404 || type == null) {
            return false;
        }
        String text = r.text();
        return type.equals("text/html; charset=utf-8") && r.body().length == 0
                || type.equals("text/plain") && text.startsWith("Route not found, did you forget a trailing slash?")
                || type.equals("application/json") && text.startsWith("{\"info\": \"Route not found");
    }

    /** Null when the body fits the status: an error is {"detail": …} or field errors; JSON parses. */
    static String bodyProblem(RawHttp.Reply r, boolean head) {
        if (isCatchall(r)) {
            return null;
        }
        if (head || r.body().length == 0) {
            return r.status() >= 400 && !head ? "error " + r.status() + " with an empty body" : null;
        }
        String type = r.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return r.status() >= 400 ? "error " + r.status() + " with Content-Type " + type : null;
        }
        Object parsed;
        try {
            parsed = Json.parse(r.body(), 0, r.body().length, 1000);
        } catch (JsonParseException e) {
            return "reply is not JSON (" + e.getMessage() + "): " + clip(r.text());
        }
        if (r.status() < 400) {
            return null;
        }
        if (!(parsed instanceof Map<?, ?> m) || m.isEmpty()) {
            return "error " + r.status() + " body is not an object: " + clip(r.text());
        }
        if (m.get("detail") instanceof String) {
            return r.status() >= 500 && !(m.get("errorId") instanceof String)
                    ? "5xx without errorId: " + clip(r.text()) : null;
        }
        for (Object v : m.values()) {
            if (!(v instanceof List<?>) && !(v instanceof Map<?, ?>)) {
                return "error " + r.status() + " body has neither detail nor field errors: " + clip(r.text());
            }
        }
        return null;
    }

    /** The known-good request: after hostile traffic, the probe key still reads back unchanged. */
    private void probe(HostileCase after) {
        report.probes++;
        byte[] request = HttpMutations.request("GET", target.probePath(), target.adminToken()).bytes();
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                if (probe == null) {
                    probe = RawHttp.connect(target.port(), timeoutMillis);
                }
                probe.write(request);
                RawHttp.Reply r = probe.read(false);
                if (r.status() != 200 || !r.text().equals(target.probeBody())) {
                    report.violation(index, after, "probe got " + r.status() + ": " + clip(r.text()));
                }
                return;
            } catch (IOException e) {
                if (probe != null) {
                    probe.close();
                    probe = null;
                }
                if (attempt == 1 || e instanceof SocketTimeoutException) {
                    report.violation(index, after, "probe failed: " + e);
                    return;
                }
            }
        }
    }

    static String clip(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    @Override
    public void close() {
        dropShared();
        if (probe != null) {
            probe.close();
        }
    }
}
