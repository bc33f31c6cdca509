package keys.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Source;

/**
 * Generators of hostile requests: broken request lines, odd methods, mangled paths and headers.
 * {@link #any} mixes them with the framing, body and query generators of the sibling classes.
 * Every case is built from {@link Source} draws, so a run is reproducible from its seed.
 */
public final class HttpMutations {
    private HttpMutations() {
    }

    /** Every kind of hostile case, weighted so that cheap ones dominate and costly ones still occur. */
    public static Gen<HostileCase> any(FuzzTarget t) {
        return Gens.frequency(
                6, requestLines(),
                8, methods(t),
                14, paths(t),
                14, headers(t),
                12, FramingMutations.any(t),
                22, BodyMutations.any(t),
                20, QueryMutations.any(t));
    }

    // ---- shared helpers ------------------------------------------------------------------------

    /** Real routes, with the fuzz organization named by slug or id. */
    static Gen<String> routes(FuzzTarget t) {
        return s -> {
            String org = t.orgRef(s.drawBoolean());
            String project = t.projectRef(s.drawBoolean());
            return switch (s.drawInt(0, 11)) {
                case 0 -> "/api/0/organizations/" + org + "/project-keys/";
                case 1 -> "/api/0/projects/" + org + "/" + project + "/keys/";
                case 2 -> "/api/0/projects/" + org + "/" + project + "/keys/" + t.keyId() + "/";
                case 3 -> "/api/0/organizations/";
                case 4 -> "/api/0/organizations/" + org + "/";
                case 5 -> "/api/0/organizations/" + org + "/teams/";
                case 6 -> "/api/0/organizations/" + org + "/projects/";
                case 7 -> "/api/0/organizations/" + org + "/members/";
                case 8 -> "/api/0/teams/" + org + "/" + t.teamId() + "/";
                case 9 -> "/api/0/api-tokens/";
                case 10 -> "/healthz";
                default -> "/metrics";
            };
        };
    }

    /** The admin token mostly, else a member's, none, or garbage. */
    static String token(Source s, FuzzTarget t) {
        return switch (s.drawInt(0, 9)) {
            case 0 -> null;
            case 1 -> "sntryu_" + "0".repeat(64);
            case 2, 3 -> t.memberToken();
            default -> t.adminToken();
        };
    }

    static RawRequest request(String method, String target, String token) {
        return RawRequest.of(method, target).host().bearer(token);
    }

    /**
     * Whether the JDK's HTTP layer hands this request target to our dispatcher: it must parse as a
     * {@link URI} (the JDK's own check) and have a path starting with {@code /}. Otherwise the JDK
     * answers 400/404 itself or drops the connection.
     */
    static boolean dispatched(String target) {
        if (target.indexOf(' ') >= 0) {
            return false;
        }
        try {
            String path = new URI(target).getPath();
            return path != null && path.startsWith("/");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A GET of {@code target}: answered on the shared connection when dispatched, else a raw case. */
    static HostileCase forTarget(String kind, String target, String token) {
        RawRequest r = request("GET", target, token);
        if (!dispatched(target)) {
            return new HostileCase(kind, r.bytes(), HostileCase.Delivery.FRESH, false, 0, true, 1);
        }
        HostileCase c = HostileCase.answered(kind, r);
        return target.length() > Request.MAX_URL ? c.expect(414) : c;
    }

    /** Latin-1 text of {@code max} chars or fewer from the whole byte range, without CR or LF. */
    static String latin1(Source s, int max) {
        StringBuilder b = new StringBuilder();
        int n = s.drawInt(0, max);
        for (int i = 0; i < n; i++) {
            char c = (char) s.drawInt(0, 255);
            b.append(c == '\r' || c == '\n' ? '?' : c);
        }
        return b.toString();
    }

    // ---- request lines -------------------------------------------------------------------------

    private static final List<String> BAD_LINES = List.of(
            "GET", "GET /", "GET / HTTP/1.1 extra", " / HTTP/1.1", "GET  / HTTP/1.1", "GET / FOO/1.1",
            "GET / HTTP/2.0", "GET / http/1.0", "GET / HTTP/1.1\u0000", "PRI * HTTP/2.0", "GET * HTTP/1.1",
            "OPTIONS * HTTP/1.1", "GET mailto:x HTTP/1.1", "GET http:opaque HTTP/1.1", "GET //// HTTP/1.1",
            "\u0000\u0000\u0000", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003",
            "GET /healthz HTTP/1.1\u000bx", "CONNECT 127.0.0.1:443 HTTP/1.1", "GET http://127.0.0.1/healthz HTTP/1.1");

    /** Request lines that are broken, odd or random; each on its own connection, then FIN. */
    static Gen<HostileCase> requestLines() {
        return s -> {
            byte[] bytes;
            switch (s.drawInt(0, 4)) {
                case 0 -> {
                    String line = Gens.elements(BAD_LINES).generate(s);
                    bytes = (line + "\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                }
                case 1 -> bytes = Gens.bytes(300).generate(s);
                case 2 -> bytes = (latin1(s, 200) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                case 3 -> // bare LF line ends: the JDK waits for CRLF, so only the FIN ends it
                        bytes = "GET /healthz HTTP/1.1\nHost: x\n\n".getBytes(StandardCharsets.ISO_8859_1);
                default -> { // blank lines before the request line are skipped: a valid request
                    String blank = "\r\n".repeat(s.drawInt(1, 20));
                    bytes = (blank + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                }
            }
            return new HostileCase("request-line", bytes, HostileCase.Delivery.HALF_CLOSE, false, 0, true, 1);
        };
    }

    // ---- methods -------------------------------------------------------------------------------

    private static final List<String> METHODS = List.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "TRACE",
            "CONNECT", "get", "Get", "head", "post", "put", "delete", "Delete", "GET\u0000", "G\u00c9T", "\u00ff",
            "", "M-SEARCH", "PROPFIND", "GET,POST", "GET\tPOST");

    /** Known, lowercase, unknown, garbage and very long methods on real routes (never DELETE). */
    static Gen<HostileCase> methods(FuzzTarget t) {
        Gen<String> garbage = s -> {
            String m = latin1(s, 40).replace(' ', '_');
            return m.equals("DELETE") ? "DELETEX" : m;
        };
        Gen<String> method = Gens.frequency(6, Gens.elements(METHODS), 3, garbage,
                1, (Gen<String>) s -> "X".repeat(s.drawInt(1000, 30_000)));
        return s -> {
            String m = method.generate(s);
            RawRequest r = request(m, routes(t).generate(s), token(s, t));
            if (s.drawBoolean()) {
                r.json("{}");
            }
            return HostileCase.answered("method", r);
        };
    }

    // ---- paths ---------------------------------------------------------------------------------

    private static final List<String> SEGMENTS = List.of("..", ".", "", "%00", "%zz", "%C0%AF", "%c0%ae%c0%ae", "%FF",
            "%E2%82", "%2F", "%2e%2e", "%2E", "~", "%F0%9F%98%80", "%ED%A0%80", "%", "%2", "%%", ";", ";a=b", "a;b",
            "%25", "%5C", "\\", "..%2F..", "%0D%0A", "%09", "+", "%20", "*", "$", "@", "%u0041", "0", "-1",
            "99999999999999999999999", "00000000000000000001", "0x10", "1e3", "\u00e9", "%C3%A9");

    /** Real paths with a segment replaced, dot segments, encodings, unicode, depth and length. */
    static Gen<HostileCase> paths(FuzzTarget t) {
        return s -> {
            String route = routes(t).generate(s);
            String token = token(s, t);
            String target = switch (s.drawInt(0, 7)) {
                case 0, 1 -> replaceSegment(s, route, Gens.elements(SEGMENTS).generate(s));
                case 2 -> replaceSegment(s, route, UrlCodec.pathEncode(Gens.strings(30).generate(s)));
                case 3 -> replaceSegment(s, route, RawRequest.utf8AsLatin1(Gens.strings(20).generate(s)));
                case 4 -> "/a".repeat(s.drawInt(1, 5000)) + (s.drawBoolean() ? "/" : "");
                case 5 -> longTarget(s, route);
                case 6 -> route + "#" + latin1(s, 20);
                default -> "/api/0/../0/./" + route.substring("/api/0/".length() - 1);
            };
            return forTarget("path", target, token);
        };
    }

    /** Lengths around the 8 KiB limit and far past it (below the 64 KiB header limit). */
    private static String longTarget(Source s, String route) {
        int length = switch (s.drawInt(0, 2)) {
            case 0 -> Request.MAX_URL + s.drawInt(-3, 3);
            case 1 -> s.drawInt(Request.MAX_URL - 100, Request.MAX_URL + 100);
            default -> s.drawInt(Request.MAX_URL, 60_000);
        };
        String padding = "x".repeat(Math.max(0, length - route.length() - 3));
        return (route + "?q=" + padding).substring(0, Math.max(route.length(), length));
    }

    private static String replaceSegment(Source s, String route, String segment) {
        String[] parts = route.split("/", -1);
        int i = s.drawInt(1, Math.max(1, parts.length - 1));
        parts[i] = segment;
        return String.join("/", parts);
    }

    // ---- headers -------------------------------------------------------------------------------

    private static final List<String> AUTHORIZATIONS = List.of("", "Bearer", "Bearer ", "bearer", "Basic dXNlcjpwYXNz",
            "Token abc", "Bearer a b", "Bearer\ta", "Bearer sntryu_", "Bearer " + "f".repeat(5000), "DSN x", "\u00ff");

    /** Huge, repeated, missing, colonless, folded and otherwise odd headers on a real GET. */
    static Gen<HostileCase> headers(FuzzTarget t) {
        return s -> {
            String route = routes(t).generate(s);
            RawRequest r = RawRequest.get(route);
            boolean closable = false;
            switch (s.drawInt(0, 13)) {
                case 0 -> r.host().bearer(t.adminToken()).header("X-Big", "v".repeat(s.drawInt(1000, 70_000)));
                case 1 -> { // one name repeated: the JDK counts distinct names, so these are served
                    r.host().bearer(t.adminToken());
                    for (int i = s.drawInt(200, 400); i > 0; i--) {
                        r.header("X-Rep", "v" + i);
                    }
                }
                case 2 -> { // distinct names past the JDK's limit of 200 end the connection
                    r.host().bearer(t.adminToken());
                    int n = s.drawInt(150, 260);
                    for (int i = 0; i < n; i++) {
                        r.header("X-H" + i, "v");
                    }
                    closable = n >= 195;
                }
                case 3 -> r.bearer(t.adminToken()); // no Host
                case 4 -> {
                    r.host().headerLine(s.drawBoolean() ? "NoColonHere" : ": empty name").bearer(t.adminToken());
                    closable = true;
                }
                case 5 -> r.host().headerLine("Authorization: Bearer").headerLine("  " + t.adminToken())
                        .headerLine("X-Folded: a").headerLine("\tb"); // obs-fold
                case 6 -> r.host().header("Authorization", Gens.elements(AUTHORIZATIONS).generate(s));
                case 7 -> r.host().header("Authorization", "Bearer " + latin1(s, 100));
                case 8 -> r.host().bearer(t.adminToken()).header("Origin", latin1(s, 200));
                case 9 -> {
                    r.host().bearer(t.adminToken()).headerLine(latin1(s, 30) + ": " + latin1(s, 30));
                    closable = true;
                }
                case 10 -> {
                    r.host().bearer(t.adminToken()).headerLine(" X-Leading-Space: v").header("Host : x", "y");
                    closable = true;
                }
                case 11 -> r.host().bearer(t.adminToken()).header("X-" + "n".repeat(s.drawInt(100, 20_000)), "v");
                case 12 -> r.host().bearer(t.memberToken()).header("Expect", s.drawBoolean() ? "100-continue" : "x")
                        .header("Content-Type", latin1(s, 40)).header("Accept", latin1(s, 40));
                default -> r.host().bearer(t.adminToken()).header("Connection", s.drawBoolean() ? "close" : "garbage");
            }
            HostileCase c = HostileCase.answered("header", r);
            return closable || r.bytes().length > 60_000 ? c.fresh().closable() : c;
        };
    }
}
