package keys.cli;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import keys.http.Server;
import keys.http.ServerConfig;
import keys.store.Store;

/** {@code keys serve}: open the store, make sure an admin exists, serve until a signal. */
final class ServeCommand {
    /** How long in-flight requests may take to finish after a stop signal. */
    static final int GRACE_SECONDS = 10;

    private ServeCommand() {
    }

    static Flags flags() {
        return new Flags("serve")
                .value("data", "./data", "the data directory (created 0700 if missing)")
                .value("listen", "127.0.0.1:9000", "HOST:PORT to listen on")
                .value("url-prefix", null, "public base URL for Link headers and DSNs [http://HOST:PORT]")
                .value("ingest-url", null, "base URL of every DSN [the url prefix]")
                .bool("org-ingest-subdomains", "DSN host becomes o{orgId}.ingest.{host}")
                .value("js-sdk-loader-cdn-url", null, "base URL of dsn.cdn")
                .bool("rate-limits", "Sentry's per-endpoint rate limits and headers")
                .bool("demo", "on an empty data directory, create a demo organization and print a token")
                .value("fsync", "batch", "durability: always, batch or never")
                .value("compact-threshold", "67108864", "compact automatically once the log passes this many bytes")
                .value("access-log", "true", "one line per request on stderr: true or false");
    }

    /** A started server with its store and the URL it presents. */
    record Running(Server server, Store store, String prefix, Path data) {
        /** Stops accepting, lets requests in flight finish (bounded), then closes the store. */
        void stop(int graceSeconds) {
            server.stop(graceSeconds);
            store.close();
        }
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        Flags flags = flags();
        if (flags.parse(args, env)) {
            out.print(flags.help("Runs the HTTP server."));
            return 0;
        }
        Server.warmUpInBackground();
        // Handlers first: a TERM during start-up must not skip closing the store.
        AtomicReference<Running> started = new AtomicReference<>();
        Signals.onStop(() -> stop(started.get(), err));
        Running running = start(flags, env, out, err);
        started.set(running);
        err.println("keys " + Main.VERSION + ": listening on " + running.prefix() + " (data "
                + running.data().toAbsolutePath() + ", fsync " + flags.get("fsync") + ")");
        return -1;
    }

    /** The graceful stop a first TERM/INT starts; exits 0 when the store closed cleanly, 1 otherwise. */
    private static void stop(Running running, PrintStream err) {
        int code = 0;
        try {
            if (running != null) { // null: still starting; the store's recovery makes halting safe
                err.println("keys: stopping (in-flight requests get " + GRACE_SECONDS + " s)");
                running.stop(GRACE_SECONDS);
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

    /** Everything {@code serve} does before it waits for a signal (also the path {@code keys train} runs). */
    static Running start(Flags flags, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        if (!flags.positional().isEmpty()) {
            throw new UsageException("keys serve: unexpected argument '" + flags.positional().get(0) + "'");
        }
        InetSocketAddress listen = parseListen(flags.get("listen"));
        String prefix = Optional.ofNullable(flags.get("url-prefix"))
                .orElse("http://" + hostForUrl(listen) + ":" + listen.getPort());
        boolean accessLog = Flags.truthy("access-log", flags.get("access-log"));
        ServerConfig config = new ServerConfig(listen, prefix, flags.get("ingest-url"),
                flags.on("org-ingest-subdomains"), flags.get("js-sdk-loader-cdn-url"), flags.on("rate-limits"),
                accessLog);
        Path data = Path.of(flags.get("data"));
        Store store = DataCommands.open(data, flags.get("fsync"), flags.get("compact-threshold"));
        store.repairedTail().ifPresent(t -> err.println("keys: " + t));
        try {
            String adminToken = env.get("KEYS_ADMIN_TOKEN");
            if (adminToken != null && !adminToken.isEmpty()) {
                Bootstrap.ensureAdminToken(store, adminToken);
            } else {
                Bootstrap.mintFirstAdmin(store, data)
                        .ifPresent(p -> err.println("keys: minted a superuser token into " + p));
            }
            String demoToken = null;
            if (flags.on("demo") && Demo.applies(store)) {
                demoToken = Demo.create(store);
                Bootstrap.writeSecretFile(data.resolve("demo-token"), demoToken + "\n");
            }
            if (demoToken != null) { // printed first: whoever waits for /healthz finds it there
                out.print(Demo.instructions(demoToken, prefix));
                out.flush();
            }
            return new Running(Server.start(store, config), store, prefix, data);
        } catch (Exception | Error e) {
            store.close();
            throw e;
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
        return new InetSocketAddress(host, port);
    }

    private static String hostForUrl(InetSocketAddress a) {
        String h = a.getHostString();
        return h.contains(":") ? "[" + h + "]" : h;
    }
}
