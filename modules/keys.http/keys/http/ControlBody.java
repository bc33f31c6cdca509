package keys.http;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import keys.json.Json;
import keys.json.JsonParseException;

/**
 * A control request's JSON object body, read strictly (test-mode.md §3): JSON only (415 for any
 * other type), every field of the expected type and range, no unknown field; any mistake is 400
 * {@code {"detail": "…"}} before anything changes. An empty body is an empty object.
 */
final class ControlBody {
    private final Map<String, Object> fields;
    private final Set<String> known = new HashSet<>();

    private ControlBody(Map<String, Object> fields) {
        this.fields = fields;
    }

    static ControlBody of(Request request) {
        if (request.body.length == 0) {
            return new ControlBody(new LinkedHashMap<>());
        }
        requireType(request, "application/json");
        Object tree;
        try {
            tree = Json.parse(request.body);
        } catch (JsonParseException e) {
            throw ApiException.badRequest("JSON parse error - " + e.getMessage());
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) map;
        return new ControlBody(fields);
    }

    /** 415 unless the request's {@code Content-Type} is {@code type} (parameters aside). */
    static void requireType(Request request, String type) {
        String raw = request.header("Content-Type");
        String media = raw == null ? "" : raw.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals(type)) {
            throw ApiException.detail(415, "Unsupported media type \"" + (raw == null ? "" : raw) + "\" in request.");
        }
    }

    boolean has(String name) {
        known.add(name);
        return fields.containsKey(name);
    }

    Object raw(String name) {
        known.add(name);
        return fields.get(name);
    }

    /** A string, or null when absent or null. */
    String string(String name) {
        Object v = raw(name);
        if (v != null && !(v instanceof String)) {
            throw wrong(name, "a string");
        }
        return (String) v;
    }

    /** An integer in {@code [min, max]}, or null when absent or null. */
    Long integer(String name, long min, long max) {
        Object v = raw(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Long n) || n < min || n > max) {
            throw wrong(name, "an integer from " + min + " to " + max);
        }
        return n;
    }

    /** A number in {@code [min, max]}, or null when absent or null. */
    BigDecimal number(String name, double min, double max) {
        Object v = raw(name);
        BigDecimal d = switch (v) {
            case null -> null;
            case Long l -> BigDecimal.valueOf(l);
            case BigDecimal b -> b;
            default -> throw wrong(name, "a number from " + min + " to " + max);
        };
        if (d != null && (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0)) {
            throw wrong(name, "a number from " + min + " to " + max);
        }
        return d;
    }

    /** Refuses a field no reader asked for. */
    void end() {
        for (String name : fields.keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown field \"" + name + "\"");
            }
        }
    }

    static ApiException wrong(String name, String what) {
        return ApiException.badRequest("\"" + name + "\" must be " + what);
    }
}
