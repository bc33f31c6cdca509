package keys.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.sun.net.httpserver.Headers;

import keys.domain.Secrets;
import keys.domain.Token;
import keys.store.State;

/**
 * Sentry's per-endpoint rate limits (sentry-compat.md §7); only built when switched on. Fixed
 * one-second windows of 40 requests per bucket, as sentry.io limits the key list. A bucket is the
 * method and the caller: the token's user when the Authorization header carries a known token,
 * else the client IP — the check runs before authentication, so an unknown token counts as
 * anonymous. (Sentry's organization bucket is for organization tokens, which we do not have.)
 */
final class RateLimiter {
    static final int LIMIT = 40;
    static final int WINDOW_SECONDS = 1;
    /** sentry.io's concurrent limit; reported, not enforced (Sentry does not enforce it either). */
    static final int CONCURRENT_LIMIT = 25;
    static final String MESSAGE = "You are attempting to use this endpoint too frequently. Limit is "
            + LIMIT + " requests in " + WINDOW_SECONDS + " seconds";
    /** Past this many buckets, those of ended windows are dropped. */
    private static final int PRUNE_AT = 10_000;

    private record Window(long second, int count) {
    }

    private final LongSupplier clockMillis;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    /** The window in which ended buckets were last dropped: at most one sweep per window. */
    private final AtomicLong sweptAt = new AtomicLong();

    RateLimiter(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** Adds the rate-limit headers; throws 429 when the caller's window is used up. */
    void check(Request request, State state, Headers out) {
        check(request.method, request.header("Authorization"), request.remoteIp, state, out);
    }

    void check(String method, String authorization, String remoteIp, State state, Headers out) {
        long second = Math.floorDiv(clockMillis.getAsLong(), 1000L) / WINDOW_SECONDS * WINDOW_SECONDS;
        String bucket = method + " " + who(authorization, remoteIp, state);
        Window w = windows.compute(bucket, (k, old) ->
                old == null || old.second != second ? new Window(second, 1) : new Window(second, old.count + 1));
        long swept = sweptAt.get();
        if (windows.size() > PRUNE_AT && swept < second && sweptAt.compareAndSet(swept, second)) {
            windows.values().removeIf(x -> x.second < second);
        }
        out.set("X-Sentry-Rate-Limit-Limit", Integer.toString(LIMIT));
        out.set("X-Sentry-Rate-Limit-Remaining", Integer.toString(Math.max(0, LIMIT - w.count)));
        out.set("X-Sentry-Rate-Limit-Reset", Long.toString(second + WINDOW_SECONDS));
        out.set("X-Sentry-Rate-Limit-ConcurrentLimit", Integer.toString(CONCURRENT_LIMIT));
        // In-flight requests are not tracked; this one is the only one counted.
        out.set("X-Sentry-Rate-Limit-ConcurrentRemaining", Integer.toString(CONCURRENT_LIMIT - 1));
        if (w.count > LIMIT) {
            throw ApiException.body(429, MESSAGE);
        }
    }

    /** Forgets every bucket (test mode's reset). */
    void clear() {
        windows.clear();
    }

    /** Buckets held, ended ones included until the next sweep. */
    int bucketCount() {
        return windows.size();
    }

    /** {@code user:ID} for a known bearer token, else {@code ip:ADDRESS}. */
    static String who(String authorization, String remoteIp, State state) {
        if (authorization != null) {
            String[] words = authorization.trim().split("\\s+");
            if (words.length == 2 && words[0].equalsIgnoreCase("bearer")) {
                Token t = state.tokenByHash(Secrets.sha256Hex(words[1])).orElse(null);
                if (t != null) {
                    return "user:" + t.userId();
                }
            }
        }
        return "ip:" + remoteIp;
    }
}
