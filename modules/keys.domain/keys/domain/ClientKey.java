package keys.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A client key (DSN) of a project. {@code id} is the internal number that orders lists;
 * {@code publicKey} is what clients call the key's id. A rate limit is set only when both
 * {@code rateLimitCount} and {@code rateLimitWindow} are non-zero. {@code browserSdkVersion} is
 * null until a PUT stores one. {@code loaderOptions} holds {@link LoaderOption} bits.
 *
 * <p>Not a record, though it behaves like one: there may be millions of keys in memory, so it is
 * held compactly (88 bytes, plus a label's bytes): the two 32-hex-digit keys as four longs (32 bytes
 * instead of two strings of ~72 each), a label as its Latin-1 bytes without a String around them
 * (or shared, for "" and "Default"), and the fields that take few values (active, use case, SDK
 * version) as one reference to a shared {@link Traits}.
 */
public final class ClientKey {
    public static final int MAX_LABEL_LENGTH = 64;
    public static final int MAX_RATE_LIMIT_WINDOW = 86_400;
    /** The JS SDK versions a key's loader may be pinned to. */
    public static final java.util.List<String> SDK_VERSIONS = java.util.List.of("latest", "10.x", "9.x", "8.x", "7.x");

    private final long id;
    private final long projectId;
    /** A shared "" or "Default", else the label's Latin-1 bytes, else (beyond Latin-1) the String. */
    private final Object label;
    private final long publicHi;
    private final long publicLo;
    private final long secretHi;
    private final long secretLo;
    private final long createdMicros;
    private final int rateLimitCount;
    private final int rateLimitWindow;
    private final int loaderOptions;
    private final Traits traits;

    /** @throws IllegalArgumentException when a key is not 32 lowercase hex digits */
    public ClientKey(long id, long projectId, String label, String publicKey, String secretKey,
                     boolean active, long createdMicros, int rateLimitCount, int rateLimitWindow,
                     String browserSdkVersion, int loaderOptions, UseCase useCase) {
        this(id, projectId, label, Hex128.high(publicKey), Hex128.low(publicKey), Hex128.high(secretKey),
                Hex128.low(secretKey), active, createdMicros, rateLimitCount, rateLimitWindow,
                browserSdkVersion, loaderOptions, useCase);
    }

    /** For decoders that hold the two keys as 128-bit numbers already: no hex on the way in. */
    public static ClientKey ofKeyBits(long id, long projectId, String label, long publicHi, long publicLo,
                                      long secretHi, long secretLo, boolean active, long createdMicros,
                                      int rateLimitCount, int rateLimitWindow, String browserSdkVersion,
                                      int loaderOptions, UseCase useCase) {
        return new ClientKey(id, projectId, label, publicHi, publicLo, secretHi, secretLo, active, createdMicros,
                rateLimitCount, rateLimitWindow, browserSdkVersion, loaderOptions, useCase);
    }

    /**
     * For decoders that hold the label as Latin-1 bytes, {@code latin1[from..to)}: they are copied
     * once, with no String on the way.
     */
    public static ClientKey ofKeyBits(long id, long projectId, byte[] latin1, int from, int to, long publicHi,
                                      long publicLo, long secretHi, long secretLo, boolean active,
                                      long createdMicros, int rateLimitCount, int rateLimitWindow,
                                      String browserSdkVersion, int loaderOptions, UseCase useCase) {
        return new ClientKey(id, projectId, compactLabel(latin1, from, to), publicHi, publicLo, secretHi, secretLo,
                createdMicros, rateLimitCount, rateLimitWindow, loaderOptions,
                Traits.of(active, useCase, browserSdkVersion));
    }

    private ClientKey(long id, long projectId, String label, long publicHi, long publicLo, long secretHi,
                      long secretLo, boolean active, long createdMicros, int rateLimitCount, int rateLimitWindow,
                      String browserSdkVersion, int loaderOptions, UseCase useCase) {
        this(id, projectId, compactLabel(label), publicHi, publicLo, secretHi, secretLo, createdMicros,
                rateLimitCount, rateLimitWindow, loaderOptions, Traits.of(active, useCase, browserSdkVersion));
    }

    private ClientKey(long id, long projectId, Object label, long publicHi, long publicLo, long secretHi,
                      long secretLo, long createdMicros, int rateLimitCount, int rateLimitWindow, int loaderOptions,
                      Traits traits) {
        this.id = id;
        this.projectId = projectId;
        this.label = label;
        this.publicHi = publicHi;
        this.publicLo = publicLo;
        this.secretHi = secretHi;
        this.secretLo = secretLo;
        this.createdMicros = createdMicros;
        this.rateLimitCount = rateLimitCount;
        this.rateLimitWindow = rateLimitWindow;
        this.loaderOptions = loaderOptions;
        this.traits = traits;
    }

    /**
     * Active, use case and SDK version: 48 combinations of the usual values, each one shared
     * instance; only an SDK version outside {@link #SDK_VERSIONS} (which a check reports) gets its own.
     */
    private record Traits(boolean active, UseCase useCase, String browserSdkVersion) {
        private static final UseCase[] USE_CASES = UseCase.values();
        private static final Traits[] SHARED = shared();

        static Traits of(boolean active, UseCase useCase, String browserSdkVersion) {
            Objects.requireNonNull(useCase, "useCase");
            int sdk = browserSdkVersion == null ? 0 : SDK_VERSIONS.indexOf(browserSdkVersion) + 1;
            if (sdk == 0 && browserSdkVersion != null) {
                return new Traits(active, useCase, browserSdkVersion);
            }
            return SHARED[(sdk * USE_CASES.length + useCase.ordinal()) * 2 + (active ? 1 : 0)];
        }

        private static Traits[] shared() {
            UseCase[] useCases = USE_CASES;
            Traits[] out = new Traits[(SDK_VERSIONS.size() + 1) * useCases.length * 2];
            int i = 0;
            for (int sdk = 0; sdk <= SDK_VERSIONS.size(); sdk++) {
                for (UseCase u : useCases) {
                    for (boolean active : new boolean[] {false, true}) {
                        out[i++] = new Traits(active, u, sdk == 0 ? null : SDK_VERSIONS.get(sdk - 1));
                    }
                }
            }
            return out;
        }
    }

    private static Object compactLabel(byte[] latin1, int from, int to) {
        Objects.checkFromToIndex(from, to, latin1.length);
        if (from == to) {
            return "";
        }
        if (to - from == DEFAULT_LATIN1.length && Arrays.equals(latin1, from, to, DEFAULT_LATIN1, 0, to - from)) {
            return "Default";
        }
        return Arrays.copyOfRange(latin1, from, to);
    }

    private static final byte[] DEFAULT_LATIN1 = "Default".getBytes(StandardCharsets.ISO_8859_1);

    private static Object compactLabel(String label) {
        Objects.requireNonNull(label, "label");
        if (label.isEmpty()) {
            return "";
        }
        if (label.equals("Default")) {
            return "Default";
        }
        for (int i = 0; i < label.length(); i++) {
            if (label.charAt(i) > 0xFF) {
                return label;
            }
        }
        return label.getBytes(StandardCharsets.ISO_8859_1);
    }

    public long id() {
        return id;
    }

    public long projectId() {
        return projectId;
    }

    /** A new string each call for most labels, so callers keep it when they need it twice. */
    public String label() {
        return label instanceof byte[] latin1 ? new String(latin1, StandardCharsets.ISO_8859_1) : (String) label;
    }

    /**
     * How many bytes {@link #labelLatin1} copies: the label's length when it is held as Latin-1
     * bytes (any label within Latin-1, but for "" and "Default"), else -1.
     */
    public int labelLatin1Length() {
        return label instanceof byte[] latin1 ? latin1.length : -1;
    }

    /** The label's Latin-1 bytes into {@code out} at {@code at}, for encoders that avoid strings; see {@link #labelLatin1Length}. */
    public void labelLatin1(byte[] out, int at) {
        byte[] latin1 = (byte[]) label;
        System.arraycopy(latin1, 0, out, at, latin1.length);
    }

    /** 32 lowercase hex digits; a new string each call, so callers keep it when they need it twice. */
    public String publicKey() {
        return Hex128.format(publicHi, publicLo);
    }

    public String secretKey() {
        return Hex128.format(secretHi, secretLo);
    }

    /** The public key's 32 ASCII hex digits into {@code out} at {@code at}, for encoders that avoid strings. */
    public void publicKeyAscii(byte[] out, int at) {
        Hex128.write(publicHi, publicLo, out, at);
    }

    public void secretKeyAscii(byte[] out, int at) {
        Hex128.write(secretHi, secretLo, out, at);
    }

    /** The public key's first 64 bits (its first 16 hex digits), for compact encodings. */
    public long publicKeyHigh() {
        return publicHi;
    }

    public long publicKeyLow() {
        return publicLo;
    }

    public long secretKeyHigh() {
        return secretHi;
    }

    public long secretKeyLow() {
        return secretLo;
    }

    /** True when {@code hex} is this key's public key, without building a string. */
    public boolean hasPublicKey(String hex) {
        return Hex128.isHex(hex) && Hex128.high(hex) == publicHi && Hex128.low(hex) == publicLo;
    }

    /** True when {@code hex} is this key's public or secret key. */
    public boolean uses(String hex) {
        if (!Hex128.isHex(hex)) {
            return false;
        }
        long hi = Hex128.high(hex);
        long lo = Hex128.low(hex);
        // Branch-free on the secret: no early exit that would time how much of it matched.
        return ((hi ^ publicHi) | (lo ^ publicLo)) == 0 | ((hi ^ secretHi) | (lo ^ secretLo)) == 0;
    }

    public boolean active() {
        return traits.active();
    }

    public long createdMicros() {
        return createdMicros;
    }

    public int rateLimitCount() {
        return rateLimitCount;
    }

    public int rateLimitWindow() {
        return rateLimitWindow;
    }

    public String browserSdkVersion() {
        return traits.browserSdkVersion();
    }

    public int loaderOptions() {
        return loaderOptions;
    }

    public UseCase useCase() {
        return traits.useCase();
    }

    public boolean hasRateLimit() {
        return rateLimitCount != 0 && rateLimitWindow != 0;
    }

    public ClientKey withLabel(String newLabel) {
        return new ClientKey(id, projectId, compactLabel(newLabel), publicHi, publicLo, secretHi, secretLo,
                createdMicros, rateLimitCount, rateLimitWindow, loaderOptions, traits);
    }

    public ClientKey withActive(boolean isActive) {
        return new ClientKey(id, projectId, label, publicHi, publicLo, secretHi, secretLo, createdMicros,
                rateLimitCount, rateLimitWindow, loaderOptions,
                Traits.of(isActive, traits.useCase(), traits.browserSdkVersion()));
    }

    public ClientKey withRateLimit(int count, int window) {
        return new ClientKey(id, projectId, label, publicHi, publicLo, secretHi, secretLo, createdMicros, count,
                window, loaderOptions, traits);
    }

    public ClientKey withBrowserSdkVersion(String version) {
        return new ClientKey(id, projectId, label, publicHi, publicLo, secretHi, secretLo, createdMicros,
                rateLimitCount, rateLimitWindow, loaderOptions, Traits.of(traits.active(), traits.useCase(), version));
    }

    public ClientKey withLoaderOptions(int bits) {
        return new ClientKey(id, projectId, label, publicHi, publicLo, secretHi, secretLo, createdMicros,
                rateLimitCount, rateLimitWindow, bits, traits);
    }

    @Override
    public boolean equals(Object o) {
        // A label has one compact form, so equal labels have equal forms.
        return o instanceof ClientKey k && id == k.id && projectId == k.projectId
                && (label instanceof byte[] b ? k.label instanceof byte[] kb && Arrays.equals(b, kb)
                        : label.equals(k.label))
                && publicHi == k.publicHi && publicLo == k.publicLo && secretHi == k.secretHi
                && secretLo == k.secretLo && createdMicros == k.createdMicros
                && rateLimitCount == k.rateLimitCount && rateLimitWindow == k.rateLimitWindow
                && loaderOptions == k.loaderOptions && traits.equals(k.traits);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) * 31 + Long.hashCode(publicLo);
    }

    /** Leaves the secret key out, so a key in a log or an assertion message never leaks it. */
    @Override
    public String toString() {
        return "ClientKey[id=" + id + ", projectId=" + projectId + ", label=" + label() + ", publicKey="
                + publicKey() + ", active=" + active() + ", createdMicros=" + createdMicros + ", rateLimit="
                + rateLimitCount + "/" + rateLimitWindow + ", browserSdkVersion=" + browserSdkVersion()
                + ", loaderOptions=" + loaderOptions + ", useCase=" + useCase() + "]";
    }
}
