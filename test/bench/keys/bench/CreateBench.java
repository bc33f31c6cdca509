package keys.bench;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Key creates over HTTP against the linked image, {@code --fsync never} beside {@code batch} in
 * one run: alternating, three servers each on a fresh data directory, 64 keep-alive connections
 * each creating keys in its own project. Reports the medians, their ratio (how much of the
 * fsync-off rate durable creates keep) and fsyncs per create (how many creates share one fsync).
 */
final class CreateBench {
    private static final int CONNECTIONS = 64;
    private static final int ROUNDS = 3;
    private static final double WARMUP_SECONDS = 1;
    private static final double SECONDS = 3;
    private static final String[] POLICIES = {"never", "batch"};
    private static final Optional<Path> WRK = WrkLoad.ON_PATH;
    static final String CLIENT_NAME = WrkLoad.CLIENT_NAME;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private CreateBench() {
    }

    static void run(PrintStream json, List<String[]> table, GapTable gaps) throws Exception {
        Path keys = Path.of(System.getProperty("keys.image", "build/image"), "bin", "keys");
        if (!Files.isExecutable(keys)) {
            table.add(new String[] {"creates over HTTP", "skipped", "no image at " + keys});
            return;
        }
        double[][] rates = new double[POLICIES.length][ROUNDS];
        double[][] fsyncsPerCreate = new double[POLICIES.length][ROUNDS];
        double[][] fsyncMs = new double[POLICIES.length][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int p = 0; p < POLICIES.length; p++) {
                double[] one = measure(keys, POLICIES[p]);
                rates[p][round] = one[0];
                fsyncsPerCreate[p][round] = one[1];
                fsyncMs[p][round] = one[4];
                Bench.emit(json, "http.create", one[0], "creates/s", "fsync", POLICIES[p], "connections", CONNECTIONS,
                        "round", round, "client", CLIENT_NAME, "fsyncsPerCreate", String.format(Locale.ROOT, "%.4f", one[1]),
                        "p50Ms", String.format(Locale.ROOT, "%.2f", one[2]), "failures", (long) one[3],
                        "meanFsyncMs", String.format(Locale.ROOT, "%.3f", one[4]));
            }
        }
        double never = Util.median(rates[0]);
        double batch = Util.median(rates[1]);
        double perFsync = Util.median(fsyncsPerCreate[1]);
        double[] pairs = new double[ROUNDS]; // each round's batch run beside the never run just before it
        for (int round = 0; round < ROUNDS; round++) {
            pairs[round] = rates[1][round] / rates[0][round];
        }
        double paired = Util.median(pairs);
        String load = Util.loadAverages();
        Bench.emit(json, "http.create.ratio", batch / never, "batch/never", "connections", CONNECTIONS, "client", CLIENT_NAME,
                "load", load, "pairedRatio", String.format(Locale.ROOT, "%.3f", paired),
                "neverMedian", Math.round(never), "batchMedian", Math.round(batch),
                "fsyncsPerCreate", String.format(Locale.ROOT, "%.4f", perFsync));
        for (int p = 0; p < POLICIES.length; p++) {
            table.add(new String[] {"key creates over HTTP, fsync " + POLICIES[p] + ", " + CONNECTIONS + " connections",
                    String.format(Locale.ROOT, "%.0f", Util.median(rates[p])),
                    String.format(Locale.ROOT, "creates/s, median of %d %s, %s", ROUNDS, Arrays.toString(round(rates[p])),
                            CLIENT_NAME)});
        }
        table.add(new String[] {"key creates over HTTP, batch / never", String.format(Locale.ROOT, "%.2f", batch / never),
                String.format(Locale.ROOT, "(aim >= 0.8); %.1f creates per fsync (aim >= 20), fsync %.2f ms on average",
                        perFsync == 0 ? 0 : 1 / perFsync, Util.median(fsyncMs[1]))});
        fewWriters(json, table, keys);
        String how = String.format(Locale.ROOT,
                "%s, %d connections, medians of %d alternating: %.0f vs %.0f creates/s (median of pairs %.2fx), load %s",
                CLIENT_NAME, CONNECTIONS, ROUNDS, batch, never, paired, load);
        gaps.put(GapTable.Row.CREATES_RATIO, batch / never, how);
        gaps.put(GapTable.Row.CREATES_PER_FSYNC, perFsync == 0 ? 0 : 1 / perFsync,
                String.format(Locale.ROOT, "median of %d batch runs, fsync %.2f ms on average", ROUNDS, Util.median(fsyncMs[1])));
    }

    /**
     * Durable creates from a few writers: what the group commit's delay costs where there is
     * little to share (a lone writer should wait for its fsync alone), p50 beside the mean fsync.
     */
    private static void fewWriters(PrintStream json, List<String[]> table, Path keys) throws Exception {
        StringBuilder row = new StringBuilder();
        for (int connections : new int[] {1, 4}) {
            double[] one = measure(keys, "batch", connections);
            Bench.emit(json, "http.create", one[0], "creates/s", "fsync", "batch", "connections", connections,
                    "client", CLIENT_NAME, "fsyncsPerCreate", String.format(Locale.ROOT, "%.4f", one[1]),
                    "p50Ms", String.format(Locale.ROOT, "%.2f", one[2]), "failures", (long) one[3],
                    "meanFsyncMs", String.format(Locale.ROOT, "%.3f", one[4]));
            row.append(String.format(Locale.ROOT, "%s%d connection%s: %.0f creates/s, p50 %.2f ms, %.1f per fsync of %.2f ms",
                    row.isEmpty() ? "" : "; ", connections, connections == 1 ? "" : "s", one[0], one[2],
                    one[1] == 0 ? 0 : 1 / one[1], one[4]));
        }
        table.add(new String[] {"key creates over HTTP, fsync batch, few writers", "", row.toString()});
    }

    /** One server: {creates/s, fsyncs per create, p50 ms, failures, mean fsync ms, server CPU us per create}. */
    static double[] measure(Path keys, String fsync) throws Exception {
        return measure(keys, fsync, CONNECTIONS);
    }

    static double[] measure(Path keys, String fsync, int connections) throws Exception {
        Path dir = Files.createTempDirectory("keys-create");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process server = null;
        try {
            BigOrg.create(dir, 0, CONNECTIONS, 1);
            ProcessBuilder pb = new ProcessBuilder(keys.toString(), "serve", "--data", dir.toString(),
                    "--listen", "127.0.0.1:" + port, "--fsync", fsync, "--access-log", "false")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("KEYS_ADMIN_TOKEN", BigOrg.TOKEN);
            server = pb.start();
            String base = "http://127.0.0.1:" + port;
            awaitHealthy(base);
            long[] before = storeCounters(base);
            long cpuBefore = cpuNanos(server);
            HttpLoad.Result r = post(new InetSocketAddress("127.0.0.1", port), connections);
            long cpu = cpuNanos(server) - cpuBefore;
            long[] after = storeCounters(base);
            long records = after[1] - before[1];
            long fsyncs = after[0] - before[0];
            double perCreate = records == 0 ? 0 : (double) fsyncs / records;
            double meanFsyncMs = fsyncs == 0 ? 0 : (after[2] - before[2]) / 1e6 / fsyncs;
            double cpuPerRecord = records == 0 ? 0 : cpu / 1e3 / records;
            return new double[] {r.requestsPerSecond(), perCreate, r.p50Ms(), r.failures(), meanFsyncMs, cpuPerRecord};
        } finally {
            if (server != null) {
                server.destroy();
                server.waitFor();
            }
            Util.deleteTree(dir);
        }
    }

    /** Creates keys at {@code connections} connections, each in its own project, with wrk if there is one. */
    private static HttpLoad.Result post(InetSocketAddress target, int connections) throws Exception {
        String prefix = "/api/0/projects/" + BigOrg.SLUG + "/project-";
        String body = "{\"name\":\"bench\"}";
        if (WRK.isPresent()) {
            return WrkLoad.post(WRK.get(), target, prefix, CONNECTIONS, "/keys/", BigOrg.TOKEN, body, connections,
                    WARMUP_SECONDS, SECONDS);
        }
        return HttpLoad.post(target, c -> prefix + c + "/keys/", BigOrg.TOKEN, body, 201, connections, WARMUP_SECONDS,
                SECONDS);
    }

    private static void awaitHealthy(String base) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/healthz")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (CLIENT.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no 200 from " + base + "/healthz within 60 s");
    }

    /** The server's CPU time so far (all its threads), from the operating system. */
    private static long cpuNanos(Process server) {
        return server.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** {fsyncs, records written, nanoseconds in fsync} from /metrics. */
    private static long[] storeCounters(String base) throws Exception {
        String text = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long[] out = new long[3];
        for (String line : text.split("\n")) {
            if (line.startsWith("keys_store_fsyncs_total ")) {
                out[0] = Long.parseLong(line.substring(line.indexOf(' ') + 1).trim());
            } else if (line.startsWith("keys_store_records_written_total ")) {
                out[1] = Long.parseLong(line.substring(line.indexOf(' ') + 1).trim());
            } else if (line.startsWith("keys_store_fsync_seconds_total ")) {
                out[2] = (long) (Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim()) * 1e9);
            }
        }
        return out;
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }
}
