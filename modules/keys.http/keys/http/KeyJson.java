package keys.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Organization;
import keys.domain.UseCase;
import keys.json.JsonWriter;

/**
 * The client key object (sentry-compat.md §3) in Sentry's key order, compact. A key is mostly
 * fixed text, so it is assembled from pieces encoded once (member names with their punctuation,
 * the browser SDK choices, the 32 loader-option objects) and the {@code dsn} object comes from a
 * per-organization {@link DsnUrls} template, cached until the organization's relay endpoint
 * changes. A page is written into one pooled buffer and sent from it as it stands.
 */
final class KeyJson {
    /** Shown when a key has never been given a version: the project default. */
    static final String DEFAULT_BROWSER_SDK_VERSION = "10.x";
    /** Roughly one key object, to size a page's buffer once. */
    private static final int BYTES_PER_KEY = 1800;

    private static final byte[] ID = ascii("{\"id\":\"");
    private static final byte[] NAME = ascii("\",\"name\":");
    private static final byte[] LABEL = ascii(",\"label\":");
    private static final byte[] PUBLIC = ascii(",\"public\":\"");
    private static final byte[] SECRET = ascii("\",\"secret\":\"");
    private static final byte[] PROJECT_ID = ascii("\",\"projectId\":");
    private static final byte[] ACTIVE = ascii(",\"isActive\":true,\"rateLimit\":");
    private static final byte[] INACTIVE = ascii(",\"isActive\":false,\"rateLimit\":");
    private static final byte[] WINDOW = ascii("{\"window\":");
    private static final byte[] COUNT = ascii(",\"count\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] DSN = ascii(",\"dsn\":");
    private static final byte[] VERSION = ascii(",\"browserSdkVersion\":");
    private static final byte[] SDK_AND_DATE = ascii(",\"browserSdk\":{\"choices\":[[\"10.x\",\"10.x\"],[\"9.x\",\"9.x\"],"
            + "[\"8.x\",\"8.x\"],[\"7.x\",\"7.x\"]]},\"dateCreated\":\"");
    private static final byte[] OPTIONS = ascii("\",\"dynamicSdkLoaderOptions\":");
    // The usual runs of pieces joined ahead: a page copies ~30 pieces a key, each a call of its own.
    private static final byte[] NULL_AND_DSN = join(NULL, DSN);
    private static final byte[] DEFAULT_VERSION_SDK_AND_DATE = join(VERSION,
            ascii("\"" + DEFAULT_BROWSER_SDK_VERSION + "\""), SDK_AND_DATE);
    /** The object's start with zeros where the public key goes, at {@link #HEAD_KEY_AT}. */
    private static final byte[] HEAD = join(ID, new byte[JsonBytes.KEY_CHARS], NAME);
    private static final int[] HEAD_KEY_AT = {ID.length};
    /** What a usual key (no rate limit, the default browser SDK version) has around its dsn object. */
    private static final DsnUrls.Frame FRAME = new DsnUrls.Frame(PUBLIC, SECRET, PROJECT_ID,
            join(ACTIVE, NULL_AND_DSN), join(INACTIVE, NULL_AND_DSN), DEFAULT_VERSION_SDK_AND_DATE);
    private static final int ALL_OPTIONS = (1 << LoaderOption.values().length) - 1;

    /**
     * A key object's end, from the closing quote of its date: for each of the 32 loader-option
     * objects, without the use case [0] (what a caller other than a superuser sees) and with each
     * use case [1 + its ordinal]. Made when the first key is written: at start-up (routes are built
     * before the first answer) writing them ran long enough in the interpreter to send the JSON
     * writer's loop to the compiler.
     */
    private static final class Tables {
        static final byte[][][] ENDS = new byte[ALL_OPTIONS + 1][1 + UseCase.values().length][];

        static {
            for (int bits = 0; bits <= ALL_OPTIONS; bits++) {
                JsonWriter w = new JsonWriter(128).beginObject();
                for (LoaderOption o : LoaderOption.values()) {
                    w.name(o.wire()).value(o.in(bits));
                }
                byte[] options = w.endObject().toByteArray();
                ENDS[bits][0] = join(OPTIONS, options, ascii("}"));
                for (UseCase u : UseCase.values()) {
                    ENDS[bits][1 + u.ordinal()] = join(OPTIONS, options,
                            ascii(",\"useCase\":\"" + u.wire() + "\"}"));
                }
            }
        }
    }

    private final ServerConfig config;
    private final Map<Long, DsnUrls> dsnByOrg = new ConcurrentHashMap<>();
    /** Buffers for full pages, handed back by the response once written. */
    final BufferPool pages = new BufferPool(16, 100 * BYTES_PER_KEY + 2);

    KeyJson(ServerConfig config) {
        this.config = config;
    }

    /** A JSON array of the keys, all of one organization, in a buffer from {@link #pages}. */
    JsonBytes page(List<ClientKey> keys, Organization org, boolean superuser) {
        JsonBytes out = new JsonBytes(pages.take());
        out.raw('[');
        if (!keys.isEmpty()) {
            DsnUrls dsn = dsn(org);
            Scratch scratch = new Scratch();
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.raw(',');
                }
                write(out, keys.get(i), dsn, superuser, scratch);
            }
        }
        return out.raw(']');
    }

    byte[] one(ClientKey key, Organization org, boolean superuser) {
        JsonBytes out = new JsonBytes(BYTES_PER_KEY);
        write(out, key, dsn(org), superuser, new Scratch());
        return out.toByteArray();
    }

    /**
     * What one page's keys reuse: room for their hex keys (the dsn repeats them) and labels,
     * the digits of the last project id (neighbouring keys often share a project) in one array per
     * length of id, so a key allocates nothing.
     */
    private static final class Scratch {
        final byte[] p = new byte[32];
        final byte[] s = new byte[32];
        long projectId = -1;
        byte[] projectDigits;
        final byte[][] digitsByLength = new byte[21][];
        byte[] label = new byte[64];

        byte[] label(int length) {
            if (label.length < length) {
                label = new byte[length];
            }
            return label;
        }

        byte[] projectDigits(long id) {
            if (id != projectId || projectDigits == null) {
                projectId = id;
                projectDigits = JsonBytes.digitsOf(id, digitsByLength);
            }
            return projectDigits;
        }
    }

    /** One key object. */
    private void write(JsonBytes out, ClientKey k, DsnUrls dsn, boolean superuser, Scratch scratch) {
        byte[] p = scratch.p;
        byte[] s = scratch.s;
        k.publicKeyAscii(p, 0);
        k.secretKeyAscii(s, 0);
        byte[] n = scratch.projectDigits(k.projectId());
        out.patchKey(out.append(HEAD), HEAD_KEY_AT, p);
        int labelAt = out.size();
        name(out, k, p, scratch);
        int labelEnd = out.size();
        out.raw(LABEL).raw(out.array(), labelAt, labelEnd - labelAt); // the same text again
        if (!k.hasRateLimit() && k.browserSdkVersion() == null) {
            dsn.writeFramed(out, p, s, n, k.active()); // the usual key: one copy from "public" to its date
        } else {
            out.raw(PUBLIC).raw(p).raw(SECRET).raw(s).raw(PROJECT_ID).raw(n).raw(k.active() ? ACTIVE : INACTIVE);
            if (k.hasRateLimit()) {
                out.raw(WINDOW).number(k.rateLimitWindow()).raw(COUNT).number(k.rateLimitCount()).raw('}').raw(DSN);
            } else {
                out.raw(NULL_AND_DSN);
            }
            dsn.writeTo(out, p, s, n);
            if (k.browserSdkVersion() == null) {
                out.raw(DEFAULT_VERSION_SDK_AND_DATE);
            } else {
                out.raw(VERSION).string(k.browserSdkVersion()).raw(SDK_AND_DATE);
            }
        }
        out.timestamp(k.createdMicros())
                .raw(Tables.ENDS[k.loaderOptions() & ALL_OPTIONS][superuser ? 1 + k.useCase().ordinal() : 0]);
    }

    /**
     * {@link #displayName} as a JSON string, from the public key's ASCII {@code p} when the label is
     * empty, and from the label's bytes when they need no escaping (no String made).
     */
    private static void name(JsonBytes out, ClientKey k, byte[] p, Scratch scratch) {
        int n = k.labelLatin1Length();
        if (n > 0) {
            byte[] latin1 = scratch.label(n);
            k.labelLatin1(latin1, 0);
            if (JsonBytes.isPlain(latin1, n)) {
                out.raw('"').raw(latin1, 0, n).raw('"');
                return;
            }
        }
        String label = k.label();
        if (label == null || label.isEmpty()) {
            out.raw('"').raw(p, 0, DISPLAYED_KEY_CHARS).raw('"');
        } else {
            out.string(label);
        }
    }

    private static final int DISPLAYED_KEY_CHARS = 14;

    /** The label, or the first 14 characters of the public key when the label is empty. */
    static String displayName(ClientKey k) {
        String label = k.label();
        if (label == null || label.isEmpty()) {
            String p = k.publicKey();
            return p.length() <= DISPLAYED_KEY_CHARS ? p : p.substring(0, DISPLAYED_KEY_CHARS);
        }
        return label;
    }

    DsnUrls dsn(Organization org) {
        DsnUrls cached = dsnByOrg.get(org.id());
        if (cached != null && Objects.equals(cached.relayDsnEndpoint, org.relayDsnEndpoint())) {
            return cached;
        }
        DsnUrls built = DsnUrls.build(config.ingestUrl(), config.orgIngestSubdomains(), config.jsSdkLoaderCdnUrl(), org,
                FRAME);
        dsnByOrg.put(org.id(), built);
        return built;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] join(byte[]... pieces) {
        JsonBytes out = new JsonBytes(256);
        for (byte[] p : pieces) {
            out.raw(p);
        }
        return out.toByteArray();
    }
}
