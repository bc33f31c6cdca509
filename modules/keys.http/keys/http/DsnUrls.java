package keys.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import keys.domain.Organization;
import keys.json.JsonWriter;

/**
 * The {@code dsn} object of every key of one organization (sentry-compat.md §3, §3.1), as a
 * template: the JSON text around the public key (P), secret key (S) and project id (N) is built
 * once per organization and configuration, so a key costs a few copies. A key of the usual kind
 * (no rate limit, the default browser SDK version) takes the members around the object from the
 * same template ({@link Frame}).
 */
final class DsnUrls {
    private static final byte P = 0;
    private static final byte S = 1;
    private static final byte N = 2;

    /** The organization's relay endpoint this was built for; a change means a rebuild. */
    final String relayDsnEndpoint;
    private final byte[][] literals; // one more than slots: text before, between and after them
    private final byte[] slots;
    private final Frame frame;
    /** By the project id's length in characters (a long takes up to 20): the whole object, made on first use. */
    private final Shape[] shapes = new Shape[21];
    /** The same inside its frame, for inactive keys [0] and active ones [1]. */
    private final Shape[][] framed = new Shape[2][21];

    private DsnUrls(String relay, List<byte[]> literals, byte[] slots, Frame frame) {
        this.relayDsnEndpoint = relay;
        this.literals = literals.toArray(new byte[0][]);
        this.slots = slots;
        this.frame = frame;
    }

    /**
     * A key object's fixed text around its dsn object, from its "public" member to the opening
     * quote of its date when it has no rate limit and the default browser SDK version: the key's
     * public key, secret key and project id go between the first pieces; the rest is the same for
     * every such key (but for the active flag). The key object's members are {@link KeyJson}'s.
     */
    record Frame(byte[] beforePublic, byte[] beforeSecret, byte[] beforeProject, byte[] activeToDsn,
                 byte[] inactiveToDsn, byte[] afterDsn) {
    }

    /**
     * The object's text for project ids of one length, with zeros where the keys and the id go,
     * and where that is: a key's object is then one copy and a patch per slot, rather than ~50
     * short copies, each a call of its own (they made up most of a page's time).
     */
    private record Shape(byte[] text, int[] publicAt, int[] secretAt, int[] projectAt) {
    }

    static DsnUrls build(String ingestUrl, boolean orgSubdomains, String cdnUrl, Organization org, Frame frame) {
        String normal = orgSubdomains ? withOrgSubdomain(ingestUrl, org.id()) : ingestUrl;
        String relay = org.relayDsnEndpoint();
        String e = relay == null || relay.isEmpty() ? normal : trimSlash(relay);
        Template t = new Template();
        String[] parts = split(e);
        t.raw("{\"secret\":\"");
        if (parts != null) {
            t.text(parts[0] + "://").slot(P).raw(":").slot(S).text("@" + parts[1] + parts[2] + "/").slot(N);
        }
        t.raw("\",\"public\":\"");
        if (parts != null) {
            t.text(parts[0] + "://").slot(P).text("@" + parts[1] + parts[2] + "/").slot(N);
        }
        keyQuery(t, "csp", e, "/csp-report/");
        keyQuery(t, "security", e, "/security/");
        keyQuery(t, "minidump", e, "/minidump/");
        keyQuery(t, "nel", e, "/nel/");
        t.raw("\",\"unreal\":\"").text(e + "/api/").slot(N).text("/unreal/").slot(P).text("/");
        t.raw("\",\"crons\":\"").text(e + "/api/").slot(N).text("/cron/___MONITOR_SLUG___/").slot(P).text("/");
        t.raw("\",\"cdn\":\"");
        if (cdnUrl != null && !cdnUrl.isEmpty()) {
            t.text(cdnUrl).slot(P).text(".min.js");
        } else {
            t.text(normal + "/js-sdk-loader/").slot(P).text(".min.js");
        }
        keyQuery(t, "playstation", e, "/playstation/");
        t.raw("\",\"integration\":\"").text(e + "/api/").slot(N).text("/integration/");
        t.raw("\",\"otlp_traces\":\"").text(e + "/api/").slot(N).text("/integration/otlp/v1/traces");
        t.raw("\",\"otlp_logs\":\"").text(e + "/api/").slot(N).text("/integration/otlp/v1/logs");
        t.raw("\"}");
        return t.done(relay, frame);
    }

    private static void keyQuery(Template t, String name, String e, String path) {
        t.raw("\",\"" + name + "\":\"").text(e + "/api/").slot(N).text(path + "?sentry_key=").slot(P);
    }

    /** Appends the dsn object of one key, given the JSON string bodies of its keys and its project id's digits. */
    void writeTo(JsonBytes out, byte[] publicKey, byte[] secretKey, byte[] projectId) {
        Shape shape = shape(projectId.length);
        int at = out.append(shape.text);
        out.patchKey(at, shape.publicAt, publicKey);
        out.patchKey(at, shape.secretAt, secretKey);
        out.patch(at, shape.projectAt, projectId);
    }

    /** A usual key from its "public" member to the opening quote of its date, dsn object and all ({@link Frame}). */
    void writeFramed(JsonBytes out, byte[] publicKey, byte[] secretKey, byte[] projectId, boolean active) {
        Shape[] byDigits = framed[active ? 1 : 0];
        Shape shape = byDigits[projectId.length];
        if (shape == null) { // as in shape()
            shape = makeShape(projectId.length, active);
            byDigits[projectId.length] = shape;
        }
        int at = out.append(shape.text);
        out.patchKey(at, shape.publicAt, publicKey);
        out.patchKey(at, shape.secretAt, secretKey);
        out.patch(at, shape.projectAt, projectId);
    }

    private Shape shape(int digits) {
        Shape shape = shapes[digits];
        if (shape == null) { // a race makes the same shape twice: harmless, and its fields are final
            shape = makeShape(digits, null);
            shapes[digits] = shape;
        }
        return shape;
    }

    /** {@code active} null: the dsn object alone; else inside the frame, for keys of that flag. */
    private Shape makeShape(int digits, Boolean active) {
        JsonBytes text = new JsonBytes(2048);
        int[][] at = {new int[slots.length + 3], new int[slots.length + 3], new int[slots.length + 3]};
        int[] counts = new int[3];
        if (active != null) {
            text.raw(frame.beforePublic());
            at[P][counts[P]++] = text.size();
            text.raw(new byte[JsonBytes.KEY_CHARS]);
            text.raw(frame.beforeSecret());
            at[S][counts[S]++] = text.size();
            text.raw(new byte[JsonBytes.KEY_CHARS]);
            text.raw(frame.beforeProject());
            at[N][counts[N]++] = text.size();
            text.raw(new byte[digits]);
            text.raw(active ? frame.activeToDsn() : frame.inactiveToDsn());
        }
        for (int i = 0; i < slots.length; i++) {
            text.raw(literals[i]);
            at[slots[i]][counts[slots[i]]++] = text.size();
            text.raw(new byte[slots[i] == N ? digits : JsonBytes.KEY_CHARS]);
        }
        text.raw(literals[slots.length]);
        if (active != null) {
            text.raw(frame.afterDsn());
        }
        return new Shape(text.toByteArray(), Arrays.copyOf(at[P], counts[P]), Arrays.copyOf(at[S], counts[S]),
                Arrays.copyOf(at[N], counts[N]));
    }

    /** Python's urlparse of the endpoint: (lower-case scheme, netloc, path), or null without both scheme and host. */
    static String[] split(String url) {
        int colon = url.indexOf(':');
        if (colon <= 0 || !Character.isLetter(url.charAt(0)) || url.charAt(0) > 0x7f) {
            return null;
        }
        for (int i = 1; i < colon; i++) {
            char c = url.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '-' || c == '.';
            if (!ok) {
                return null;
            }
        }
        String rest = url.substring(colon + 1);
        if (!rest.startsWith("//")) {
            return null;
        }
        rest = rest.substring(2);
        int hostEnd = firstOf(rest, 0, "/?#");
        String netloc = rest.substring(0, hostEnd);
        if (netloc.isEmpty()) {
            return null;
        }
        int pathEnd = firstOf(rest, hostEnd, "?#");
        return new String[] {url.substring(0, colon).toLowerCase(Locale.ROOT), netloc, rest.substring(hostEnd, pathEnd)};
    }

    /** {@code scheme://o{orgId}.ingest.{netloc}{path}}, as Sentry's org ingest sub-domains; unchanged if unparsable. */
    static String withOrgSubdomain(String url, long orgId) {
        String[] parts = split(url);
        return parts == null ? url : parts[0] + "://o" + orgId + ".ingest." + parts[1] + parts[2];
    }

    private static int firstOf(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The JSON string body (no quotes) of {@code s}. */
    static byte[] escaped(String s) {
        byte[] quoted = new JsonWriter(s.length() + 8).value(s).toByteArray();
        return Arrays.copyOfRange(quoted, 1, quoted.length - 1);
    }

    /** Collects literal text (JSON-escaped as it goes) and slots. */
    private static final class Template {
        private final List<byte[]> literals = new ArrayList<>();
        private final byte[] slots = new byte[64];
        private int slotCount;
        private byte[] current = new byte[0];

        Template raw(String json) {
            return append(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        Template text(String s) {
            return append(escaped(s));
        }

        Template slot(byte kind) {
            literals.add(current);
            current = new byte[0];
            slots[slotCount++] = kind;
            return this;
        }

        private Template append(byte[] b) {
            byte[] joined = Arrays.copyOf(current, current.length + b.length);
            System.arraycopy(b, 0, joined, current.length, b.length);
            current = joined;
            return this;
        }

        DsnUrls done(String relay, Frame frame) {
            literals.add(current);
            return new DsnUrls(relay, literals, Arrays.copyOf(slots, slotCount), frame);
        }
    }
}
