package keys.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import keys.server.KeysServer;
import keys.store.Store;
import keys.store.StoreOptions;

/**
 * Test mode (test-mode.md §3.1, §3.3, §3.8): reset, snapshot and restore at 100k keys against an
 * empty server (they must be alike: O(1) in the state), 10,000 resets in a row (the first and the
 * last thousand's mean must be alike), {@code POST /_keys/reset} over HTTP, and the in-process
 * start of a test-mode server.
 */
final class TestModeBench {
    private static final int KEYS = 100_000;
    private static final int RESETS = 10_000;
    private static final int SAMPLES = 2_000;
    private static final int STARTS = 20;

    private TestModeBench() {
    }

    static void run(PrintStream json, List<String[]> table) throws Exception {
        Path dir = Files.createTempDirectory("keys-bench-testmode");
        try {
            Path data = dir.resolve("data");
            BigOrg.create(data, KEYS, 100, 10);
            Path fixture = dir.resolve("fixture.jsonl");
            ByteArrayOutputStream export = new ByteArrayOutputStream();
            try (Store store = Store.open(data, StoreOptions.defaults())) {
                Store.export(store.state(), export);
            }
            // BigOrg leaves every third key's name empty, which the API (and so an import) refuses.
            Files.writeString(fixture, export.toString(StandardCharsets.UTF_8).replace("\"label\":\"\"", "\"label\":\"Key\""));
            startTimes(json, table, fixture);
            try (KeysServer empty = start(null); KeysServer big = start(fixture)) {
                for (KeysServer keys : List.of(empty, big)) {
                    int n = (int) keys.state().keyCount();
                    operation(json, table, "reset", n, keys::reset);
                    keys.snapshot("s");
                    operation(json, table, "snapshot", n, () -> keys.snapshot("s"));
                    operation(json, table, "restore", n, () -> keys.restore("s"));
                }
                overHttp(json, table, big);
                inARow(json, table, big);
            }
        } finally {
            Util.deleteTree(dir);
        }
    }

    private static KeysServer start(Path fixture) {
        KeysServer.Builder b = KeysServer.builder().testMode().seed(1).listen(new InetSocketAddress("127.0.0.1", 0));
        if (fixture != null) {
            b.fixture(fixture).adminToken(BigOrg.TOKEN);
        }
        return b.start();
    }

    private static void startTimes(PrintStream json, List<String[]> table, Path fixture) {
        long[] empty = new long[STARTS];
        for (int i = 0; i < STARTS + 5; i++) {
            long t0 = System.nanoTime();
            try (KeysServer keys = start(null)) {
                if (i >= 5 && keys.port() > 0) {
                    empty[i - 5] = System.nanoTime() - t0;
                }
            }
        }
        Arrays.sort(empty);
        double ms = Util.percentile(empty, 50) / 1e6;
        Bench.emit(json, "testmode.start_in_process", ms, "ms", "runs", STARTS, "keys", 0);
        table.add(new String[] {"test-mode start in process, empty (median of " + STARTS + ")",
                String.format("%.1f ms", ms), ""});
        long t0 = System.nanoTime();
        try (KeysServer keys = start(fixture)) {
            double fixtureMs = (System.nanoTime() - t0) / 1e6;
            Bench.emit(json, "testmode.start_in_process", fixtureMs, "ms", "runs", 1, "keys", keys.state().keyCount());
            table.add(new String[] {"test-mode start in process, " + KEYS + "-key fixture (once)",
                    String.format("%.0f ms", fixtureMs), "reads and checks the fixture"});
        }
    }

    /** The median time of one call, after warm-up. */
    private static void operation(PrintStream json, List<String[]> table, String name, int keys, Runnable op) {
        long[] nanos = new long[SAMPLES];
        for (int i = 0; i < SAMPLES * 2; i++) {
            long t0 = System.nanoTime();
            op.run();
            if (i >= SAMPLES) {
                nanos[i - SAMPLES] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(nanos);
        double us = Util.percentile(nanos, 50) / 1e3;
        Bench.emit(json, "testmode." + name, us, "us", "keys", keys, "samples", SAMPLES);
        table.add(new String[] {"test mode " + name + " at " + keys + " keys (median, server time)",
                String.format("%.1f us", us), "flat: alike at 0 and " + KEYS + " keys"});
    }

    private static void overHttp(PrintStream json, List<String[]> table, KeysServer keys) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest reset = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keys.port() + "/_keys/reset"))
                .header("Authorization", "Bearer " + BigOrg.TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build();
        long[] nanos = new long[SAMPLES];
        for (int i = 0; i < SAMPLES * 2; i++) {
            long t0 = System.nanoTime();
            HttpResponse<Void> r = client.send(reset, HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 204) {
                throw new IllegalStateException("reset answered " + r.statusCode());
            }
            if (i >= SAMPLES) {
                nanos[i - SAMPLES] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(nanos);
        double us = Util.percentile(nanos, 50) / 1e3;
        Bench.emit(json, "testmode.http_reset_round_trip", us, "us", "keys", KEYS, "samples", SAMPLES);
        table.add(new String[] {"POST /_keys/reset at " + KEYS + " keys (median round trip)",
                String.format("%.0f us", us), "includes the HTTP exchange"});
    }

    private static void inARow(PrintStream json, List<String[]> table, KeysServer keys) {
        long[] nanos = new long[RESETS];
        for (int i = 0; i < RESETS; i++) {
            long t0 = System.nanoTime();
            keys.reset();
            nanos[i] = System.nanoTime() - t0;
        }
        double first = Arrays.stream(nanos, 0, 1000).average().orElse(0) / 1e3;
        double last = Arrays.stream(nanos, RESETS - 1000, RESETS).average().orElse(0) / 1e3;
        Bench.emit(json, "testmode.resets_in_a_row.first_1000_mean", first, "us", "keys", KEYS);
        Bench.emit(json, "testmode.resets_in_a_row.last_1000_mean", last, "us", "keys", KEYS);
        table.add(new String[] {RESETS + " resets in a row at " + KEYS + " keys: first / last 1000 mean",
                String.format("%.1f us / %.1f us", first, last), "must be alike"});
    }
}
