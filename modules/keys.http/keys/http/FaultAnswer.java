package keys.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;

/**
 * How a fault that hit a request answers it (test-mode.md §3.5): after its delay, a broken
 * connection, or its status and body, or nothing (the request is then served as usual).
 */
final class FaultAnswer {
    /** What {@link ConnectionFault#MALFORMED_RESPONSE_CHUNK} promises and then cuts short. */
    private static final byte[] PROMISED = "{\"detail\":\"the connection broke before this body ended\"}"
            .getBytes(StandardCharsets.US_ASCII);

    private FaultAnswer() {
    }

    /** Thrown to make the JDK server close the connection without a (further) byte. */
    static final class Broken extends IOException {
        private static final long serialVersionUID = 1L;

        Broken(ConnectionFault how) {
            super("fault " + how + " injected");
        }
    }

    /** Waits the fault's delay. */
    static void delay(Fault fault) {
        int millis = fault.spec().delayMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The fault's own answer; null when it only delays. */
    static Response status(Fault fault, long nowMicros) {
        Integer status = fault.spec().status();
        if (status == null) {
            return null;
        }
        String body = fault.spec().body() == null ? FaultSpec.DEFAULT_BODY : fault.spec().body();
        Response r = Response.json(status, body.getBytes(StandardCharsets.UTF_8));
        if (status == 429) {
            long second = Math.floorDiv(nowMicros, 1_000_000L);
            r.header("Retry-After", Integer.toString(RateLimiter.WINDOW_SECONDS))
                    .header("X-Sentry-Rate-Limit-Limit", Integer.toString(RateLimiter.LIMIT))
                    .header("X-Sentry-Rate-Limit-Remaining", "0")
                    .header("X-Sentry-Rate-Limit-Reset", Long.toString(second + RateLimiter.WINDOW_SECONDS))
                    .header("X-Sentry-Rate-Limit-ConcurrentLimit", Integer.toString(RateLimiter.CONCURRENT_LIMIT))
                    .header("X-Sentry-Rate-Limit-ConcurrentRemaining", Integer.toString(RateLimiter.CONCURRENT_LIMIT - 1));
        }
        return r;
    }

    /** Breaks the connection as {@code how} names; always throws {@link Broken}. */
    static void breakConnection(HttpExchange exchange, ConnectionFault how) throws IOException {
        if (how == ConnectionFault.MALFORMED_RESPONSE_CHUNK) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, PROMISED.length);
            OutputStream os = exchange.getResponseBody();
            os.write(PROMISED, 0, PROMISED.length / 2);
            os.flush();
        }
        throw new Broken(how);
    }
}
