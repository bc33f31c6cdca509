package keys.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Source;

/**
 * Hostile JSON bodies for the POST and PUT routes: truncated, not UTF-8, nested 10,000 deep, huge
 * numbers, wrong types, lone surrogates, NULs, oversized strings, and near-valid objects with one
 * field mangled. Correctly framed, so each one must be answered (with a 4xx, or a 2xx when it
 * happens to be valid) on the shared connection.
 */
public final class BodyMutations {
    private BodyMutations() {
    }

    /** A write route and the fields its serializer knows. */
    private record Target(String method, String path, List<String> fields) {
    }

    private static List<Target> targets(FuzzTarget t) {
        String org = Long.toString(t.orgId());
        String project = Long.toString(t.projectId());
        return List.of(
                new Target("POST", "/api/0/projects/" + org + "/" + project + "/keys/",
                        List.of("name", "rateLimit", "public", "secret", "useCase")),
                new Target("PUT", "/api/0/projects/" + org + "/" + project + "/keys/" + t.keyId() + "/",
                        List.of("name", "isActive", "rateLimit", "browserSdkVersion", "dynamicSdkLoaderOptions")),
                new Target("PUT", "/api/0/projects/" + org + "/" + project + "/keys/" + t.inactiveKeyId() + "/",
                        List.of("isActive", "rateLimit", "dynamicSdkLoaderOptions")),
                new Target("POST", "/api/0/organizations/", List.of("name", "slug", "agreeTerms")),
                new Target("PUT", "/api/0/organizations/" + org + "/",
                        List.of("name", "slug", "openMembership", "relayDsnEndpoint")),
                new Target("POST", "/api/0/organizations/" + org + "/teams/", List.of("slug", "name")),
                new Target("PUT", "/api/0/teams/" + org + "/" + t.teamId() + "/", List.of("slug", "name")),
                new Target("POST", "/api/0/teams/" + org + "/" + t.teamId() + "/projects/",
                        List.of("name", "slug", "platform")),
                new Target("PUT", "/api/0/projects/" + org + "/" + project + "/", List.of("name", "slug", "platform")),
                new Target("POST", "/api/0/organizations/" + org + "/members/",
                        List.of("email", "orgRole", "teamRoles", "teamSlug", "role")),
                new Target("PUT", "/api/0/organizations/" + org + "/members/" + t.memberId() + "/",
                        List.of("orgRole", "teamRoles", "teamSlug", "role")),
                new Target("POST", "/api/0/api-tokens/", List.of("name", "scopes", "user")));
    }

    private static final List<String> WEIRD_NUMBERS = List.of("1e999999999", "-1e999999999", "1e-999999999",
            "1E+2147483647", "1e2147483648", "0.0000000000000000000000001", "-0", "-0.0", "1.0", "2147483648",
            "9223372036854775808", "-9223372036854775809", "1" + "0".repeat(4000), "1" + "0".repeat(5000),
            "123456789.123456789e-5", "4.9e-324", "1.7976931348623157e309");

    private static final List<String> WEIRD_STRINGS = List.of("\"\"", "\" \"", "\"\\u0000\"", "\"\\ud800\"",
            "\"\\udc00x\"", "\"\\ud83d\\ude00\"", "\"a\\u0000b\"", "\"\\\\\"", "\"\u00e9\u4e2d\ud83d\ude00\"",
            "\"latest\"", "\"user\"", "\"profiling\"", "\"member\"", "\"owner\"", "\"True\"", "\"1\"", "\"on\"",
            "\"a@b.c\"", "\"project:read\"", "\"0123456789abcdef0123456789abcdef\"");

    static Gen<HostileCase> any(FuzzTarget t) {
        List<Target> targets = targets(t);
        return s -> {
            Target target = Gens.elements(targets).generate(s);
            byte[] body = switch (s.drawInt(0, 9)) {
                case 0 -> truncated(s, target);
                case 1 -> notUtf8(s);
                case 2 -> deep(s);
                case 3 -> Gens.bytes(200).generate(s);
                case 4 -> utf8(Gens.elements("", " ", "null", "[]", "\"s\"", "1", "true", "{", "}", "{}{}", "\uFEFF{}",
                        "{\"a\":1,}", "{'a':1}", "{\"a\" 1}", "[1,2", "NaN", "{\"name\":Infinity}").generate(s));
                default -> utf8(object(s, target, s.drawInt(0, 3)));
            };
            RawRequest r = HttpMutations.request(target.method(), target.path(), HttpMutations.token(s, t));
            if (s.drawInt(0, 5) > 0) {
                r.header("Content-Type", "application/json");
            }
            r.body(body);
            return HostileCase.answered("body", r);
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] truncated(Source s, Target target) {
        byte[] whole = utf8(object(s, target, 2));
        return java.util.Arrays.copyOf(whole, s.drawInt(0, Math.max(0, whole.length - 1)));
    }

    /** A valid object with raw bytes that are not UTF-8 (overlong, surrogate, stray continuation) in a string. */
    private static byte[] notUtf8(Source s) {
        byte[][] bad = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80},
            {(byte) 0xFF}, {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        byte[] b = bad[s.drawInt(0, bad.length - 1)];
        byte[] head = utf8("{\"name\":\"x");
        byte[] tail = utf8("y\"}");
        byte[] out = new byte[head.length + b.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(b, 0, out, head.length, b.length);
        System.arraycopy(tail, 0, out, head.length + b.length, tail.length);
        return out;
    }

    /** Arrays or objects nested up to 10,000 deep, balanced or not. */
    static byte[] deep(Source s) {
        int depth = s.drawBoolean() ? 10_000 : s.drawInt(1, 10_000);
        boolean objects = s.drawBoolean();
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        StringBuilder b = new StringBuilder(depth * (open.length() + 1) + 8);
        b.append(open.repeat(depth)).append(objects ? "1" : "");
        if (s.drawInt(0, 3) > 0) {
            b.append(close.repeat(depth));
        }
        return utf8(b.toString());
    }

    /** An object over the target's fields (and a stranger now and then), values of any kind. */
    private static String object(Source s, Target target, int depth) {
        StringBuilder b = new StringBuilder("{");
        int n = s.drawInt(0, target.fields().size() + 1);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            String name = s.drawInt(0, 6) > 0 ? Gens.elements(target.fields()).generate(s)
                    : Gens.elements("count", "window", "", "__proto__", "name\u0000", "\u00e9").generate(s);
            b.append(quote(name)).append(':').append(value(s, target, depth));
        }
        return b.append('}').toString();
    }

    private static String value(Source s, Target target, int depth) {
        int kind = s.drawInt(0, depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> s.drawBoolean() ? "true" : "false";
            case 2 -> Long.toString(s.draw(Long.MIN_VALUE, Long.MAX_VALUE));
            case 3 -> Gens.elements(WEIRD_NUMBERS).generate(s);
            case 4 -> Gens.elements(WEIRD_STRINGS).generate(s);
            case 5 -> quote(Gens.strings(40).generate(s));
            case 6 -> quote("s".repeat(s.drawInt(0, 9) == 0 ? s.drawInt(0, 300_000) : s.drawInt(0, 300)));
            case 7 -> "{\"count\":" + Gens.elements(WEIRD_NUMBERS).generate(s) + ",\"window\":"
                    + Long.toString(s.draw(-10, 100_000_000)) + "}";
            case 8 -> object(s, target, depth - 1);
            default -> {
                StringBuilder b = new StringBuilder("[");
                for (int i = s.drawInt(0, 4); i > 0; i--) {
                    b.append(value(s, target, depth - 1)).append(i > 1 ? "," : "");
                }
                yield b.append(']').toString();
            }
        };
    }

    /** A JSON string literal; lone surrogates are escaped (they have no UTF-8 form). */
    static String quote(String v) {
        StringBuilder b = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) && !pairAt(v, i)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
                if (Character.isHighSurrogate(c)) {
                    b.append(v.charAt(++i));
                }
            }
        }
        return b.append('"').toString();
    }

    private static boolean pairAt(String v, int i) {
        return Character.isHighSurrogate(v.charAt(i)) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1));
    }
}
