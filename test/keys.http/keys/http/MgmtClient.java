package keys.http;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import keys.json.Json;
import keys.json.JsonWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Calls the management API of a {@link TestServer} and parses what comes back. */
final class MgmtClient {
    static final String BAD_SLUG = "Enter a valid slug consisting of lowercase letters, numbers, underscores or "
            + "hyphens. It cannot be entirely numeric.";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TestServer ts;

    MgmtClient(TestServer ts) {
        this.ts = ts;
    }

    /** A slug no other test of this run uses. */
    static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }

    record Reply(int status, Object json, HttpResponse<String> raw) {
        @SuppressWarnings("unchecked")
        Map<String, Object> obj() {
            return (Map<String, Object>) json;
        }

        @SuppressWarnings("unchecked")
        List<Object> list() {
            return (List<Object>) json;
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> objects() {
            return (List<Map<String, Object>>) json;
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** Fails with the body in the message when the status differs. */
        Reply expect(int expected) {
            assertEquals(expected, status, () -> "status of " + raw.request().method() + " "
                    + raw.request().uri() + ", body " + raw.body());
            return this;
        }

        /** The {@code id}s of a list answer, in order. */
        List<String> ids() {
            return objects().stream().map(o -> (String) o.get("id")).toList();
        }

        List<String> slugs() {
            return objects().stream().map(o -> (String) o.get("slug")).toList();
        }
    }

    /** {@code body}: null for none, a String as is, anything else encoded as JSON. */
    Reply call(String method, String path, String token, Object body) {
        String text = body == null ? null : body instanceof String s ? s
                : new String(JsonWriter.encode(body), StandardCharsets.UTF_8);
        HttpResponse<String> r = ts.send(method, path, token, text);
        Object json = r.body() == null || r.body().isEmpty() ? null : Json.parse(r.body());
        return new Reply(r.statusCode(), json, r);
    }

    Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    Reply post(String path, String token, Object body) {
        return call("POST", path, token, body);
    }

    Reply put(String path, String token, Object body) {
        return call("PUT", path, token, body);
    }

    Reply delete(String path, String token) {
        return call("DELETE", path, token, null);
    }

    /** {@code {"field":["message"]}}. */
    static Map<String, Object> fieldError(String field, String message) {
        return Map.of(field, List.of(message));
    }

    static Map<String, Object> detail(String message) {
        return Map.of("detail", message);
    }
}
