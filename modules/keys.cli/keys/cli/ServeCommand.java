package keys.cli;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import keys.http.Server;
import keys.server.KeysServer;
import keys.server.KeysServerConfigException;

/** {@code keys serve}: flags to a {@link KeysServer}, started until a signal. */
final class ServeCommand {
    private ServeCommand() {
    }

    static Flags flags() {
        return new Flags("serve")
                .value("data", "./data", "the data directory (created 0700 if missing)")
                .bool("in-memory", "keep everything in memory: no data directory, nothing kept after a stop")
                .value("listen", "127.0.0.1:9000", "HOST:PORT to listen on")
                .value("url-prefix", null, "public base URL for Link headers and DSNs [http://HOST:PORT]")
                .value("ingest-url", null, "base URL of every DSN [the url prefix]")
                .bool("org-ingest-subdomains", "DSN host becomes o{orgId}.ingest.{host}")
                .value("js-sdk-loader-cdn-url", null, "base URL of dsn.cdn")
                .bool("rate-limits", "Sentry's per-endpoint rate limits and headers")
                .bool("demo", "on an empty data directory, create a demo organization and print a token")
                .value("fsync", "batch", "durability: always, batch or never")
                .value("compact-threshold", "67108864", "compact automatically once the log passes this many bytes")
                .value("audit-retention-days", null, "drop audit entries older than this many days at compaction [forever]")
                .value("access-log", "true", "one line per request on stderr: true or false")
                .value("ready-file", null, "once serving, write {\"url\",\"port\",\"adminToken\"} here (0600, atomically)")
                .bool("test-mode", "a Sentry-API emulator for test suites: in memory, control API under /_keys/")
                .value("seed", null, "test mode: derive every invented value from this number")
                .value("clock", null, "test mode: the test clock's start, an ISO-8601 instant [now]")
                .value("fixture", null, "test mode: an export file loaded as the start state");
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        Flags flags = flags();
        if (flags.parse(args, env)) {
            out.print(flags.help("Runs the HTTP server."));
            return 0;
        }
        serve(flags, env, out, err);
        return -1;
    }

    /**
     * Starts the server the parsed flags describe, stopped gracefully by the first TERM/INT, and
     * says where it listens; returns it running (also the path {@code keys train} runs).
     */
    static KeysServer serve(Flags flags, Map<String, String> env, PrintStream out, PrintStream err) {
        // The JDK's own HTTP server, named: without the name, HttpServer.create first looks for
        // another provider through the service loader, which opens and reads the image's module
        // file at every start. This process is ours; an embedder chooses for its own.
        System.setProperty("com.sun.net.httpserver.HttpServerProvider", "sun.net.httpserver.DefaultHttpServerProvider");
        // What the first answer waits for longest, started before anything else (Startup asks again: a no-op).
        Server.warmUpInBackground();
        // Handlers first: a TERM during start-up must not skip closing the store.
        AtomicReference<KeysServer> started = new AtomicReference<>();
        Runnable noHandlers = Signals.onStop(() -> stop(started.get(), err));
        KeysServer keys;
        try {
            keys = start(flags, env, out, err);
        } catch (RuntimeException | Error e) {
            noHandlers.run(); // the exit status is the failure's
            throw e;
        }
        started.set(keys);
        Path data = keys.dataDirectory();
        String where = data == null ? "in memory" : "data " + data.toAbsolutePath() + ", fsync " + flags.get("fsync");
        err.println("keys " + Main.VERSION + ": listening on " + address(parseListen(flags.get("listen")), keys.port())
                + " (" + where + ")");
        // Apart: behind a proxy or in a container the public URL is not the address bound.
        err.println("keys: URL prefix " + keys.url() + " (Link headers and DSNs)");
        return keys;
    }

    /** {@code HOST:PORT} as bound, an IPv6 host in brackets. */
    static String address(InetSocketAddress listen, int port) {
        String host = listen.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The graceful stop a first TERM/INT starts; exits 0 when the store closed cleanly, 1 otherwise. */
    private static void stop(KeysServer keys, PrintStream err) {
        int code = 0;
        try {
            if (keys != null) { // null: still starting; the store's recovery makes halting safe
                err.println("keys: stopping (in-flight requests get " + KeysServer.GRACE_SECONDS + " s)");
                keys.close();
                err.println("keys: stopped");
            }
        } catch (RuntimeException | Error e) {
            err.println("keys: stop failed: " + e);
            code = 1;
        } finally {
            err.flush();
            Runtime.getRuntime().halt(code);
        }
    }

    /** The flags as a builder, started. */
    static KeysServer start(Flags flags, Map<String, String> env, PrintStream out, PrintStream err) {
        if (!flags.positional().isEmpty()) {
            throw new UsageException("keys serve: unexpected argument '" + flags.positional().get(0) + "'");
        }
        KeysServer.Builder b = KeysServer.builder()
                .listen(parseListen(flags.get("listen")))
                .urlPrefix(flags.get("url-prefix"))
                .ingestUrl(flags.get("ingest-url"))
                .orgIngestSubdomains(flags.on("org-ingest-subdomains"))
                .jsSdkLoaderCdnUrl(flags.get("js-sdk-loader-cdn-url"))
                .rateLimits(flags.on("rate-limits"))
                .demo(flags.on("demo"))
                .accessLog(Flags.truthy("access-log", flags.get("access-log")))
                .adminToken(env.get("KEYS_ADMIN_TOKEN"))
                .console(out, err);
        testMode(flags, b);
        // In memory, the disk settings are refused when given as flags and ignored from the environment.
        boolean testMode = flags.on("test-mode");
        if (testMode && !flags.explicit("data") && env.get(Flags.envName("data")) != null) {
            err.println("keys: test mode keeps no data directory; KEYS_DATA from the environment is ignored");
        }
        boolean inMemory = flags.on("in-memory") || testMode;
        if (inMemory) {
            b.inMemory();
        }
        if (!inMemory || flags.explicit("data")) {
            b.dataDirectory(Path.of(flags.get("data")));
        }
        if (!inMemory || flags.explicit("fsync")) {
            b.fsync(DataCommands.fsync(flags.get("fsync")));
        }
        if (!inMemory || flags.explicit("compact-threshold")) {
            b.compactThreshold(DataCommands.compactThreshold(flags.get("compact-threshold")));
        }
        String retention = flags.get("audit-retention-days");
        if (retention != null && (!inMemory || flags.explicit("audit-retention-days"))) {
            b.auditRetentionDays(auditRetentionDays(retention));
        }
        try {
            return b.start();
        } catch (KeysServerConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** A whole number of days; its range is the builder's check. */
    private static int auditRetentionDays(String days) {
        try {
            return Integer.parseInt(days);
        } catch (NumberFormatException e) {
            throw new UsageException("--audit-retention-days must be a whole number of days, not '" + days + "'");
        }
    }

    /** The test-mode flags and {@code --ready-file} onto the builder; their checks are the builder's. */
    private static void testMode(Flags flags, KeysServer.Builder b) {
        if (flags.on("test-mode")) {
            b.testMode();
        }
        String seed = flags.get("seed");
        if (seed != null) {
            try {
                b.seed(Long.parseLong(seed));
            } catch (NumberFormatException e) {
                throw new UsageException("keys serve: --seed must be an integer, not '" + seed + "'");
            }
        }
        String clock = flags.get("clock");
        if (clock != null) {
            try {
                b.clock(Instant.parse(clock));
            } catch (DateTimeParseException e) {
                throw new UsageException("keys serve: --clock must be an ISO-8601 instant such as 2026-01-01T00:00:00Z,"
                        + " not '" + clock + "'");
            }
        }
        if (flags.get("fixture") != null) {
            b.fixture(Path.of(flags.get("fixture")));
        }
        if (flags.get("ready-file") != null) {
            b.readyFile(Path.of(flags.get("ready-file")));
        }
    }

    static InetSocketAddress parseListen(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new UsageException("keys serve: --listen must be HOST:PORT, not '" + listen + "'");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("keys serve: --listen port must be 0..65535, not '" + listen.substring(colon + 1) + "'");
        }
        return InetSocketAddress.createUnresolved(host, port); // resolved when bound, off the start's main thread
    }
}
