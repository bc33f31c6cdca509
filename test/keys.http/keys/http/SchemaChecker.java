package keys.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import keys.json.Json;

/**
 * A small OpenAPI 3.0 schema validator for test responses: type, nullable, properties, required,
 * additionalProperties, items, enum, anyOf/oneOf/allOf, min/maxLength, the date-time format, and
 * {@code $ref} within the document. Returns every violation with its JSON path.
 */
final class SchemaChecker {
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private final Map<String, Object> document;

    SchemaChecker(Map<String, Object> document) {
        this.document = document;
    }

    /**
     * The shared Sentry subset, copied beside the tests (found through {@code -Dkeys.root}, which
     * build.sh sets, else from the working directory).
     */
    static SchemaChecker sentryClientKeys() {
        return load("sentry-client-keys.openapi.json");
    }

    /** Our own schema of the audit log, for which Sentry publishes none. */
    static SchemaChecker keysAuditLog() {
        return load("keys-audit-log.openapi.json");
    }

    @SuppressWarnings("unchecked")
    private static SchemaChecker load(String name) {
        Path file = Path.of(System.getProperty("keys.root", "."), "test", "keys.http", "keys", "http", name);
        try {
            return new SchemaChecker((Map<String, Object>) Json.parse(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }

    Map<String, Object> document() {
        return document;
    }

    /** The response schema of an operation (path template, method, status), or null when it has none. */
    @SuppressWarnings("unchecked")
    Map<String, Object> responseSchema(String path, String method, int status) {
        Map<String, Object> op = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) document.get("paths"))
                .get(path)).get(method.toLowerCase(java.util.Locale.ROOT));
        Map<String, Object> response = (Map<String, Object>) ((Map<String, Object>) op.get("responses"))
                .get(Integer.toString(status));
        if (response == null) {
            throw new AssertionError(method + " " + path + " documents no " + status + " response");
        }
        Map<String, Object> content = (Map<String, Object>) response.get("content");
        if (content == null) {
            return null;
        }
        return (Map<String, Object>) ((Map<String, Object>) content.get("application/json")).get("schema");
    }

    List<String> validate(Object value, Map<String, Object> schema) {
        List<String> errors = new ArrayList<>();
        check(value, schema, "$", errors);
        return errors;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Map<String, Object> schema) {
        int hops = 0;
        while (schema.containsKey("$ref")) {
            String ref = (String) schema.get("$ref");
            if (!ref.startsWith("#/") || ++hops > 64) {
                throw new IllegalArgumentException("unsupported $ref " + ref);
            }
            Object at = document;
            for (String part : ref.substring(2).split("/")) {
                at = ((Map<String, Object>) at).get(part.replace("~1", "/").replace("~0", "~"));
                if (at == null) {
                    throw new IllegalArgumentException("dangling $ref " + ref);
                }
            }
            schema = (Map<String, Object>) at;
        }
        return schema;
    }

    @SuppressWarnings("unchecked")
    private void check(Object value, Map<String, Object> schemaOrRef, String path, List<String> errors) {
        Map<String, Object> schema = resolve(schemaOrRef);
        if (value == null) {
            if (!Boolean.TRUE.equals(schema.get("nullable")) && schema.containsKey("type")) {
                errors.add(path + ": null where " + schema.get("type") + " is required");
            }
            return;
        }
        Object type = schema.get("type");
        if (type != null && !hasType(value, (String) type)) {
            errors.add(path + ": " + describe(value) + " is not " + type);
            return;
        }
        if (schema.containsKey("enum") && !((List<Object>) schema.get("enum")).contains(value)) {
            errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value instanceof String s) {
            int len = s.codePointCount(0, s.length());
            if (schema.get("minLength") instanceof Long min && len < min) {
                errors.add(path + ": shorter than " + min);
            }
            if (schema.get("maxLength") instanceof Long max && len > max) {
                errors.add(path + ": longer than " + max);
            }
            if ("date-time".equals(schema.get("format")) && !DATE_TIME.matcher(s).matches()) {
                errors.add(path + ": " + s + " is not a date-time");
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
                if (!map.containsKey(required)) {
                    errors.add(path + ": missing required " + required);
                }
            }
            Object additional = schema.get("additionalProperties");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = (String) e.getKey();
                if (props.containsKey(name)) {
                    check(e.getValue(), (Map<String, Object>) props.get(name), path + "." + name, errors);
                } else if (Boolean.FALSE.equals(additional)) {
                    errors.add(path + ": unexpected property " + name);
                } else if (additional instanceof Map<?, ?> extra) {
                    check(e.getValue(), (Map<String, Object>) extra, path + "." + name, errors);
                }
            }
        }
        if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < list.size(); i++) {
                check(list.get(i), (Map<String, Object>) items, path + "[" + i + "]", errors);
            }
        }
        for (String combinator : new String[] {"allOf", "anyOf", "oneOf"}) {
            if (schema.get(combinator) instanceof List<?> subs) {
                int matched = 0;
                List<String> inner = new ArrayList<>();
                for (Object sub : subs) {
                    List<String> e = new ArrayList<>();
                    check(value, (Map<String, Object>) sub, path, e);
                    matched += e.isEmpty() ? 1 : 0;
                    inner.addAll(e);
                }
                boolean ok = switch (combinator) {
                    case "allOf" -> matched == subs.size();
                    case "anyOf" -> matched >= 1;
                    default -> matched == 1;
                };
                if (!ok) {
                    errors.add(path + ": " + combinator + " not satisfied " + inner);
                }
            }
        }
    }

    private static boolean hasType(Object v, String type) {
        return switch (type) {
            case "object" -> v instanceof Map;
            case "array" -> v instanceof List;
            case "string" -> v instanceof String;
            case "boolean" -> v instanceof Boolean;
            case "integer" -> v instanceof Long || (v instanceof BigDecimal d && d.scale() <= 0);
            case "number" -> v instanceof Long || v instanceof BigDecimal;
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static String describe(Object v) {
        String s = String.valueOf(v);
        return v.getClass().getSimpleName() + " " + (s.length() > 40 ? s.substring(0, 40) + "…" : s);
    }
}
