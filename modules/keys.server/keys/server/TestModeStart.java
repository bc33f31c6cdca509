package keys.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import keys.domain.Sources;
import keys.store.ImportFormatException;
import keys.store.State;
import keys.store.Store;

/**
 * What test mode puts on top of the fixture to make its start state (test-mode.md §1, §2): the
 * admin (and the demo when asked). The first run mints or installs the admin token as any start
 * does; later runs (a reset with a new seed) give the same token back, drawing the admin stream
 * as a fresh server would, so the harness is never locked out.
 */
final class TestModeStart implements Runnable {
    static final String NOTICE = "keys: test mode: in memory, nothing is kept; control API under /_keys/";

    private final Startup startup;
    private final Store store;
    private final Sources sources;
    private final String prefix;
    private boolean started;
    private String adminToken;

    TestModeStart(Startup startup, Store store, Sources sources, String prefix) {
        this.startup = startup;
        this.store = store;
        this.sources = sources;
        this.prefix = prefix;
    }

    /** The fixture as the start state; the empty state when there is none. */
    static State readFixture(Path file) {
        if (file == null) {
            return State.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Store.readExport(in);
        } catch (ImportFormatException e) {
            throw new KeysServerConfigException("keys serve: --fixture " + file + ": " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new KeysServerException("cannot read the fixture " + file + ": " + e.getMessage(), e);
        }
    }

    /** The admin token minted or given at start; null when the fixture holds a superuser and none was given. */
    String adminToken() {
        return adminToken;
    }

    @Override
    public void run() {
        try {
            if (!started) {
                started = true;
                adminToken = startup.bootstrap(store, sources);
                startup.demo(store, sources, prefix);
            } else {
                again();
                startup.demo(store, sources, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory nothing is written to a file
        }
    }

    /** After the state was replaced: the admin token held by a superuser again, if the new state lost it. */
    void keepAdmin() {
        if (adminToken != null) {
            Bootstrap.ensureAdminToken(store, adminToken, sources);
        }
    }

    private void again() throws IOException {
        if (startup.givenAdminToken()) {
            Bootstrap.ensureAdminToken(store, adminToken, sources);
        } else if (adminToken != null) {
            Bootstrap.mintFirstAdmin(store, sources, null, () -> {
                sources.newAdminToken();
                return adminToken;
            });
        }
    }
}
