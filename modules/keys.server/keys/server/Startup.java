package keys.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

import keys.domain.Causes;
import keys.domain.Sources;
import keys.http.Server;
import keys.http.ServerConfig;
import keys.http.TestControl;
import keys.store.FsyncPolicy;
import keys.store.State;
import keys.store.Store;
import keys.store.StoreException;
import keys.store.StoreOptions;

/**
 * Settings to a running server, in an order that leaves nothing behind when a step fails: open
 * the store (or make one in memory) while the port is bound beside it, make sure an admin exists,
 * the demo, then answer. The clock and randomness are made here, one per server.
 */
final class Startup {
    private final Settings s;

    private Startup(Settings s) {
        this.s = s;
    }

    static KeysServer start(Settings settings) {
        settings.validate();
        return new Startup(settings).start();
    }

    private KeysServer start() {
        Server.warmUpInBackground();
        TestModeSettings test = s.test();
        Sources sources = test.on() ? Sources.test(test.seed(), test.clockMicros()) : Sources.real();
        State fixture = test.on() ? TestModeStart.readFixture(test.fixture()) : null;
        Binding binding = new Binding(this::bind);
        Store store;
        try {
            store = openStore(sources);
        } catch (RuntimeException | Error e) {
            binding.abandon();
            throw e;
        }
        Server server = null;
        try {
            server = binding.server();
            String prefix = trimSlash(Optional.ofNullable(s.urlPrefix())
                    .orElse("http://" + hostForUrl(s.listen()) + ":" + server.port()));
            URI url = url(prefix); // before anything is minted
            TestControl control = null;
            String admin;
            if (test.on()) {
                TestModeStart start = new TestModeStart(this, store, sources, prefix);
                control = new TestControl(store, (Sources.Test) sources, fixture, start, start::keepAdmin);
                admin = start.adminToken();
                s.err().println(TestModeStart.NOTICE);
            } else {
                admin = bootstrap(store, sources);
                demo(store, sources, prefix);
            }
            server.serve(store, new ServerConfig(s.listen(), prefix, s.ingestUrl(), s.orgIngestSubdomains(),
                    s.jsSdkLoaderCdnUrl(), s.rateLimits(), s.accessLog()), sources, control);
            if (s.readyFile() != null) {
                ReadyFile.write(s.readyFile(), prefix, server.port(), admin);
            }
            return new KeysServer(server, store, url, admin, control);
        } catch (IOException e) {
            abandon(server, store);
            throw new KeysServerException(Causes.describe(e), e);
        } catch (RuntimeException | Error e) {
            abandon(server, store);
            throw e;
        }
    }

    private static void abandon(Server server, Store store) {
        if (server != null) {
            server.close();
        }
        store.close();
    }

    private Store openStore(Sources sources) {
        StoreOptions options = StoreOptions.defaults().withSources(sources);
        if (s.inMemory()) {
            return Store.inMemory(options);
        }
        options = options.withFsync(s.fsync() == null ? FsyncPolicy.BATCH : s.fsync());
        if (s.compactThreshold() != null) {
            options = options.withCompactThresholdBytes(s.compactThreshold());
        }
        if (s.auditRetentionDays() != null) {
            options = options.withAuditRetentionDays(s.auditRetentionDays());
        }
        try {
            Store store = Store.open(s.dataDirectory(), options);
            store.repairedTail().ifPresent(t -> s.err().println("keys: " + t));
            return store;
        } catch (StoreException | UncheckedIOException e) {
            throw new KeysServerException(Causes.describe(e), e);
        }
    }

    private Server bind() {
        String where = "cannot listen on " + hostForUrl(s.listen()) + ":" + s.listen().getPort() + ": ";
        // Resolved here, on the binding's thread: the first InetAddress sets up the JDK's network
        // code (its native library, the security properties), which the store's open need not wait for.
        InetSocketAddress listen = s.listen().isUnresolved()
                ? new InetSocketAddress(s.listen().getHostString(), s.listen().getPort())
                : s.listen();
        if (listen.isUnresolved()) {
            throw new KeysServerException(where + "unknown host " + listen.getHostString(), null);
        }
        try {
            return Server.bind(listen);
        } catch (IOException e) {
            throw new KeysServerException(where + Causes.describe(e), e);
        }
    }

    /**
     * With {@code --demo}: the demo fills only an empty store, its token and commands told for
     * {@code prefix} (null: nothing told, as when a test-mode reset makes it again); on one with
     * data it says so rather than stay silent.
     */
    void demo(Store store, Sources sources, String prefix) throws IOException {
        if (!s.demo()) {
            return;
        }
        if (!Demo.applies(store)) {
            if (prefix != null) {
                s.err().println("keys: --demo ignored: " + (s.inMemory() ? "the fixture" : store.directory())
                        + " already holds organizations (the demo fills an empty directory only)");
            }
            return;
        }
        String token = Demo.create(store, sources);
        if (prefix == null) {
            return;
        }
        if (!s.inMemory()) {
            Bootstrap.writeSecretFile(store.directory().resolve("demo-token"), token + "\n");
        }
        s.out().print(Demo.instructions(token, prefix, !s.inMemory()));
        s.out().flush();
    }

    /** The admin token given, or the one minted now; null when a superuser exists already. */
    String bootstrap(Store store, Sources sources) throws IOException {
        if (s.givenAdminToken()) {
            Bootstrap.ensureAdminToken(store, s.adminToken(), sources);
            return s.adminToken();
        }
        Path file = s.inMemory() ? null : store.directory().resolve("admin-token");
        Optional<String> minted = Bootstrap.mintFirstAdmin(store, sources, file);
        minted.ifPresent(token -> s.err().println(s.inMemory()
                ? "keys: minted a superuser token (in memory, shown once): " + token
                : "keys: minted a superuser token into " + file));
        return minted.orElse(null);
    }

    boolean givenAdminToken() {
        return s.givenAdminToken();
    }

    private static URI url(String prefix) {
        try {
            return new URI(prefix);
        } catch (URISyntaxException e) {
            throw new KeysServerConfigException("keys serve: --url-prefix must be a URL, not '" + prefix + "'");
        }
    }

    private static String hostForUrl(InetSocketAddress a) {
        String h = a.getHostString();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
