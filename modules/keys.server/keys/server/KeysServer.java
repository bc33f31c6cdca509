package keys.server;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;

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
    private final Object closeLock = new Object();
    private boolean closed; // guarded by closeLock

    KeysServer(Server server, Store store, URI url, String adminToken) {
        this.server = server;
        this.store = store;
        this.url = url;
        this.adminToken = adminToken;
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
        private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 9000);
        private String urlPrefix;
        private String ingestUrl;
        private boolean orgIngestSubdomains;
        private String jsSdkLoaderCdnUrl;
        private boolean rateLimits;
        private boolean demo;
        private FsyncPolicy fsync;
        private Long compactThreshold;
        private boolean accessLog;
        private String adminToken;
        private PrintStream out = new PrintStream(OutputStream.nullOutputStream());
        private PrintStream err = out;

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

        /** The address to listen on; port 0 takes any free port ({@code --listen}) [127.0.0.1:9000]. */
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
                    jsSdkLoaderCdnUrl, rateLimits, demo, fsync, compactThreshold, accessLog, adminToken, out, err));
        }
    }
}
