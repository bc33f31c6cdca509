package keys.http;

import java.util.Locale;

import keys.json.Json;
import keys.json.JsonParseException;

/**
 * What a fault matches and how it answers (test-mode.md §3.5).
 *
 * @param method          the request method it matches, upper case; null matches any
 * @param path            an exact path or a route template ({@code {org}} matches one segment)
 * @param status          the status to answer (400–599); null: no answer of its own
 * @param body            the JSON body sent with {@code status}; null: {@code {"detail":"Injected fault"}}
 * @param delayMillis     waited first (0–60,000)
 * @param times           how many requests it answers; null: unlimited
 * @param probability     the chance (0–1) that a matching request is hit, drawn from the seeded stream
 * @param connectionFault breaks the connection instead of answering; null: none
 */
public record FaultSpec(String method, String path, Integer status, String body, int delayMillis, Integer times,
                        double probability, ConnectionFault connectionFault) {
    public static final String DEFAULT_BODY = "{\"detail\":\"Injected fault\"}";
    public static final int MAX_DELAY_MILLIS = 60_000;

    /** @throws IllegalArgumentException a value out of its range, saying which */
    public FaultSpec {
        method = method == null ? null : method.toUpperCase(Locale.ROOT);
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must be a path starting with /");
        }
        if (status != null && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("status must be between 400 and 599");
        }
        if (body != null) {
            try {
                Json.parse(body);
            } catch (JsonParseException e) {
                throw new IllegalArgumentException("body must be JSON: " + e.getMessage());
            }
        }
        if (delayMillis < 0 || delayMillis > MAX_DELAY_MILLIS) {
            throw new IllegalArgumentException("delayMillis must be between 0 and " + MAX_DELAY_MILLIS);
        }
        if (times != null && times < 1) {
            throw new IllegalArgumentException("times must be at least 1, or null for unlimited");
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be between 0 and 1");
        }
    }

    /** Answers {@code status} once to any method on {@code path}. */
    public static FaultSpec status(String path, int status) {
        return new FaultSpec(null, path, status, null, 0, 1, 1.0, null);
    }

    /** Breaks the connection once for any method on {@code path}. */
    public static FaultSpec connection(String path, ConnectionFault fault) {
        return new FaultSpec(null, path, null, null, 0, 1, 1.0, fault);
    }

    public FaultSpec withMethod(String m) {
        return new FaultSpec(m, path, status, body, delayMillis, times, probability, connectionFault);
    }

    public FaultSpec withBody(String json) {
        return new FaultSpec(method, path, status, json, delayMillis, times, probability, connectionFault);
    }

    public FaultSpec withDelayMillis(int millis) {
        return new FaultSpec(method, path, status, body, millis, times, probability, connectionFault);
    }

    /** @param n null: unlimited */
    public FaultSpec withTimes(Integer n) {
        return new FaultSpec(method, path, status, body, delayMillis, n, probability, connectionFault);
    }

    public FaultSpec withProbability(double p) {
        return new FaultSpec(method, path, status, body, delayMillis, times, p, connectionFault);
    }
}
