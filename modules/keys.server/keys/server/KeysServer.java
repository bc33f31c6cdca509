package keys.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import keys.http.Fault;
import keys.http.FaultSpec;
import keys.http.JournalEntry;
import keys.http.SnapshotInfo;
import keys.http.TestControl;

import keys.http.Server;
import keys.store.FsyncPolicy;
import keys.store.State;
import keys.store.Store;

/**
 * A running {@code keys} server: its store, its HTTP listener, its own clock and randomness. Made
 * by {@link #builder()}; {@code keys serve} starts one the same way. Several may run in one JVM;
 * they share nothing. Thread-safe. {@link #close()} stops it gracefully and is idempotent.
 */
public final class KeysServer implements AutoCloseable {
    /** How long requests in flight may take to finish once {@link #close()} is called. */
    public static final int GRACE_SECONDS = 10;

    private final Server server;
    private final Store store;
    private final URI url;
    private final String adminToken;
    private final TestControl control; // null unless in test mode
    private final Object closeLock = new Object();
    private boolean closed; // guarded by closeLock

    KeysServer(Server server, Store store, URI url, String adminToken, TestControl control) {
        this.server = server;
        this.store = store;
        this.url = url;
        this.adminToken = adminToken;
        this.control = control;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The URL prefix it presents in Link headers and DSNs (the real port filled in when it was 0). */
    public URI url() {
        return url;
    }

    /** The port it listens on. */
    public int port() {
        return server.port();
    }

    /** The superuser's clear token when it was given or minted by this start; else null. */
    public String adminToken() {
        return adminToken;
    }

    /** The data directory; null in memory. */
    public Path dataDirectory() {
        return store.directory();
    }

    /**
     * The latest state, read without HTTP: immutable, so it may be kept and read from any thread
     * (see {@link State} for the lookups). Writes go through the HTTP API.
     */
    public State state() {
        return store.state();
    }

    /** Whether it runs in test mode ({@link Builder#testMode()}): the controls below work only then. */
    public boolean testMode() {
        return control != null;
    }

    /**
     * Test mode's controls (test-mode.md §3) without HTTP; the {@code reset}, {@code snapshot},
     * {@code restore}, journal, fault and clock methods of this class call them.
     *
     * @throws IllegalStateException not in test mode
     */
    public TestControl control() {
        if (control == null) {
            throw new IllegalStateException("not in test mode: start it with KeysServer.builder().testMode()");
        }
        return control;
    }

    /** {@code POST /_keys/reset}: back to the start state, clock and random streams; journal and faults cleared. */
    public void reset() {
        control().reset();
    }

    /** {@code POST /_keys/reset {"seed":N}}: as a fresh server started with this seed (the admin token kept). */
    public void reset(long seed) {
        control().reset(seed);
    }

    /** {@code POST /_keys/snapshots}: keeps state, id counter, streams and clock under this name. */
    public SnapshotInfo snapshot(String name) {
        return control().snapshot(name);
    }

    /**
     * {@code POST /_keys/snapshots/{name}/restore}.
     *
     * @throws java.util.NoSuchElementException no snapshot has that name
     */
    public void restore(String name) {
        control().restore(name);
    }

    /** {@code GET /_keys/snapshots}, in the order taken. */
    public List<SnapshotInfo> snapshots() {
        return control().snapshots();
    }

    /** {@code DELETE /_keys/snapshots/{name}}; false when there was none. */
    public boolean deleteSnapshot(String name) {
        return control().deleteSnapshot(name);
    }

    /** {@code GET /_keys/requests}: the journal, oldest first. */
    public List<JournalEntry> requests() {
        return control().requests(0);
    }

    /** {@code GET /_keys/requests?since=SEQ}. */
    public List<JournalEntry> requests(long since) {
        return control().requests(since);
    }

    /**
     * {@code GET /_keys/requests?since=SEQ&waitMillis=N}: waits up to {@code wait} (at most 30 s)
     * for a request after {@code since}; empty when none came.
     */
    public List<JournalEntry> awaitRequests(long since, Duration wait) throws InterruptedException {
        return control().awaitRequests(since, wait.toMillis());
    }

    /** {@code DELETE /_keys/requests}; numbers go on. */
    public void clearRequests() {
        control().clearRequests();
    }

    /** {@code POST /_keys/faults}. */
    public Fault addFault(FaultSpec spec) {
        return control().addFault(spec);
    }

    /** {@code GET /_keys/faults}. */
    public List<Fault> faults() {
        return control().faults();
    }

    /** {@code DELETE /_keys/faults/{id}}; false when no active fault has it. */
    public boolean removeFault(String id) {
        return control().removeFault(id);
    }

    /** {@code DELETE /_keys/faults}. */
    public void clearFaults() {
        control().clearFaults();
    }

    /** {@code GET /_keys/clock}. */
    public Instant clock() {
        return Instant.EPOCH.plus(control().clockMicros(), ChronoUnit.MICROS);
    }

    /** {@code PUT /_keys/clock} (microsecond precision). */
    public void setClock(Instant now) {
        control().setClockMicros(Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L),
                now.getNano() / 1_000));
    }

    /** {@code POST /_keys/clock/advance} (microsecond precision); returns the new time. */
    public Instant advanceClock(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        control().advanceClockMicros(Math.addExact(Math.multiplyExact(by.getSeconds(), 1_000_000L), by.getNano() / 1_000));
        return clock();
    }

    /** {@code GET /_keys/state}: the state in the export format (the bytes {@code keys export} writes). */
    public void exportState(OutputStream out) {
        Store.export(store.state(), out);
    }

    /**
     * {@code PUT /_keys/state}: the state becomes this export; the id counter goes on from its
     * {@code lastId}.
     *
     * @throws keys.store.ImportFormatException not a valid export (naming the line); nothing changed
     */
    public void replaceState(InputStream export) {
        control().replaceState(export);
    }

    /**
     * Stops accepting, lets requests in flight finish (up to {@link #GRACE_SECONDS}; at once when
     * there are none), flushes and closes the store; the port and the data directory's lock are
     * free when it returns. Later calls do nothing.
     *
     * @throws java.io.UncheckedIOException the store's final sync failed (the directory is released all the same)
     */
    @Override
    public void close() {
        stop(GRACE_SECONDS);
    }

    /** {@link #close()} with another grace period. */
    public void stop(int graceSeconds) {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                server.stop(graceSeconds);
            } finally {
                store.close();
            }
        }
    }

    /**
     * What to start. Every {@code keys serve} flag has a method here; nothing is checked or
     * opened before {@link #start()}. Not thread-safe; one builder may start several servers.
     */
    public static final class Builder {
        private Path dataDirectory;
        private boolean inMemory;
        private InetSocketAddress listen = InetSocketAddress.createUnresolved("127.0.0.1", 9000);
        private String urlPrefix;
        private String ingestUrl;
        private boolean orgIngestSubdomains;
        private String jsSdkLoaderCdnUrl;
        private boolean rateLimits;
        private boolean demo;
        private FsyncPolicy fsync;
        private Long compactThreshold;
        private Integer auditRetentionDays;
        private boolean accessLog;
        private String adminToken;
        private PrintStream out = new PrintStream(OutputStream.nullOutputStream());
        private PrintStream err = out;
        private Path readyFile;
        private boolean testMode;
        private Long seed;
        private Instant clock;
        private Path fixture;

        private Builder() {
        }

        /** The data directory (created 0700 if missing); one server per directory ({@code --data}). */
        public Builder dataDirectory(Path dir) {
            this.dataDirectory = dir;
            return this;
        }

        /** No data directory: nothing is kept once it stops ({@code --in-memory}). */
        public Builder inMemory() {
            this.inMemory = true;
            return this;
        }

        /**
         * The address to listen on; port 0 takes any free port ({@code --listen}) [127.0.0.1:9000].
         * An unresolved one is resolved when the port is bound.
         */
        public Builder listen(InetSocketAddress address) {
            this.listen = address;
            return this;
        }

        /** The public base URL for Link headers and DSNs ({@code --url-prefix}) [http://HOST:PORT]. */
        public Builder urlPrefix(String url) {
            this.urlPrefix = url;
            return this;
        }

        /** The base URL of every DSN ({@code --ingest-url}) [the URL prefix]. */
        public Builder ingestUrl(String url) {
            this.ingestUrl = url;
            return this;
        }

        /** DSN hosts become {@code o{orgId}.ingest.{host}} ({@code --org-ingest-subdomains}). */
        public Builder orgIngestSubdomains(boolean on) {
            this.orgIngestSubdomains = on;
            return this;
        }

        /** The base URL of {@code dsn.cdn} ({@code --js-sdk-loader-cdn-url}). */
        public Builder jsSdkLoaderCdnUrl(String url) {
            this.jsSdkLoaderCdnUrl = url;
            return this;
        }

        /** Sentry's per-endpoint rate limits and headers ({@code --rate-limits}). */
        public Builder rateLimits(boolean on) {
            this.rateLimits = on;
            return this;
        }

        /** On an empty store, a demo organization whose member's token is printed ({@code --demo}). */
        public Builder demo(boolean on) {
            this.demo = on;
            return this;
        }

        /** Durability of a data directory ({@code --fsync}) [BATCH]; not with {@link #inMemory()}. */
        public Builder fsync(FsyncPolicy policy) {
            this.fsync = policy;
            return this;
        }

        /** Compact once the log passes this many bytes, at least 4096 ({@code --compact-threshold}) [64 MiB]. */
        public Builder compactThreshold(long bytes) {
            this.compactThreshold = bytes;
            return this;
        }

        /** Drop audit entries older than this at compaction ({@code --audit-retention-days}) [forever]. */
        public Builder auditRetentionDays(int days) {
            this.auditRetentionDays = days;
            return this;
        }

        /** One line per request on stderr ({@code --access-log}) [off; {@code keys serve}: on]. */
        public Builder accessLog(boolean on) {
            this.accessLog = on;
            return this;
        }

        /**
         * A superuser {@code admin} holds this {@code sntryu_<64 hex>} token ({@code KEYS_ADMIN_TOKEN});
         * null or empty: with no superuser in the store, one is minted (into {@code DATA/admin-token}
         * on disk) and {@link KeysServer#adminToken()} returns it.
         */
        public Builder adminToken(String clearToken) {
            this.adminToken = clearToken;
            return this;
        }

        /**
         * Test mode ({@code --test-mode}, test-mode.md): in memory, the control API under
         * {@code /_keys/} and the control methods of {@link KeysServer}, a clock that stands still.
         */
        public Builder testMode() {
            this.testMode = true;
            return this;
        }

        /** Every invented value derives from this seed ({@code --seed}); test mode only. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The test clock's start ({@code --clock}) [the real time at start]; test mode only. */
        public Builder clock(Instant start) {
            this.clock = start;
            return this;
        }

        /** An export-format file loaded as the start state ({@code --fixture}); test mode only. */
        public Builder fixture(Path exportFile) {
            this.fixture = exportFile;
            return this;
        }

        /**
         * Once it answers, {@code {"url":…,"port":N,"adminToken":…}} is written to this file
         * atomically, mode 0600 ({@code --ready-file}); any mode.
         */
        public Builder readyFile(Path file) {
            this.readyFile = file;
            return this;
        }

        /**
         * Where start-up speaks to a person: the demo's token and commands on {@code out}; notices
         * (a minted admin token, a log tail cut on open) on {@code err}. Default: nowhere.
         */
        public Builder console(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
            return this;
        }

        /**
         * Checks the configuration, opens the store, binds the port, makes sure an admin exists
         * and starts answering; returns once requests are served.
         *
         * @throws KeysServerConfigException the configuration is invalid (as {@code keys serve}'s usage errors)
         * @throws KeysServerException       anything else failed; nothing is left running or locked
         */
        public KeysServer start() {
            return Startup.start(new Settings(dataDirectory, inMemory, listen, urlPrefix, ingestUrl, orgIngestSubdomains,
                    jsSdkLoaderCdnUrl, rateLimits, demo, fsync, compactThreshold, auditRetentionDays, accessLog, adminToken,
                    out, err, readyFile, new TestModeSettings(testMode, seed, clock, fixture)));
        }
    }
}
