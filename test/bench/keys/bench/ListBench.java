package keys.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;

import keys.http.Server;
import keys.http.ServerConfig;
import keys.store.FsyncPolicy;
import keys.store.Store;
import keys.store.StoreOptions;

/**
 * Throughput and latency of {@code GET /api/0/organizations/{org}/project-keys/} on a large
 * organization (default 1M keys over 5,000 projects in 50 teams), at 10 and 100 keys a page, with
 * and without the team and status filters, at 32 and 64 connections; beside its ceiling: a plain
 * HttpServer with the same executor answering the very same bytes and headers (those of the query
 * measured), measured in turns with the list (median of three rounds each, seven for the gap table's
 * rows). The load comes from wrk when it is on the PATH, as the issue measured, else from
 * {@link HttpLoad}. The caller is a superuser, so every page draws on all 5,000 projects. Flags: {@code --list-keys=N}, {@code --list-seconds=S} (measured seconds per
 * round), {@code --quick} (100k keys, short runs).
 */
public final class ListBench {
    private static final int PROJECTS = 5_000;
    private static final int TEAMS = 50;
    private static final int[] CONNECTIONS = {32, 64};
    private static final long MAX_REQUESTS = 2_000_000;
    private static final int ROUNDS = 3;
    /** The gap table's two rows get more pairs: they are what a reader compares with the aims. */
    private static final int GAP_ROUNDS = 7;
    private static final int GAP_CONNECTIONS = 64;

    private ListBench() {
    }

    public static void run(PrintStream json, List<String[]> table, String[] args) throws Exception {
        run(json, table, args, new GapTable());
    }

    static void run(PrintStream json, List<String[]> table, String[] args, GapTable gaps) throws Exception {
        run(json, table, args, gaps, false);
    }

    /** Only the gap table's two list rows: 100 a page at 64 connections, plain and by team and status. */
    static void runGaps(PrintStream json, List<String[]> table, String[] args, GapTable gaps) throws Exception {
        run(json, table, args, gaps, true);
    }

    private static void run(PrintStream json, List<String[]> table, String[] args, GapTable gaps, boolean gapsOnly)
            throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int keys = (int) flag(args, "--list-keys", quick ? 100_000 : 1_000_000);
        double seconds = flag(args, "--list-seconds", quick ? 1.0 : 2.0);
        double warmup = quick ? 0.5 : 1.0;
        Path dir = Files.createTempDirectory("keys-list-bench");
        try {
            long t0 = System.nanoTime();
            BigOrg.create(dir, keys, PROJECTS, TEAMS);
            Bench.emit(json, "list.seed", (System.nanoTime() - t0) / 1e6, "ms", "keys", keys);
            try (Store store = Store.open(dir, StoreOptions.defaults().withFsync(FsyncPolicy.NEVER))) {
                int port = freePort();
                ServerConfig config = new ServerConfig(new InetSocketAddress("127.0.0.1", port),
                        "http://127.0.0.1:" + port, null, false, null, false, false);
                Server server = Server.start(store, config);
                try {
                    measureAll(json, table, gaps, gapsOnly, server.address(), keys, warmup, seconds);
                } finally {
                    server.stop(0);
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void measureAll(PrintStream json, List<String[]> table, GapTable gaps, boolean gapsOnly,
                                   InetSocketAddress target, int keys, double warmup, double seconds) throws Exception {
        String path = "/api/0/organizations/" + BigOrg.SLUG + "/project-keys/";
        // Both servers share this JVM with the load generator: let the JIT settle on the list's code
        // before the first figure, or the first configuration measured pays for it.
        load(target, path + "?per_page=100", 64, 3 * warmup, warmup);
        for (int perPage : gapsOnly ? new int[] {100} : new int[] {10, 100}) {
            String plain = path + "?per_page=" + perPage;
            for (boolean team : new boolean[] {false, true}) {
                for (boolean status : new boolean[] {false, true}) {
                    if (gapsOnly && team != status) {
                        continue;
                    }
                    String q = plain + (team ? "&team=team-7" : "") + (status ? "&status=active" : "");
                    HttpResponse<byte[]> sample = fetch(target, q);
                    if (sample.statusCode() != 200) {
                        throw new IllegalStateException("the list answered " + sample.statusCode());
                    }
                    Bench.emit(json, "list.body_bytes", sample.body().length, "bytes", "per_page", perPage,
                            "team", team, "status", status, "keys", keys);
                    HttpServer fixed = fixedBodyServer(sample); // this query's very bytes and headers
                    try {
                        load(fixed.getAddress(), q, 64, 2 * warmup, warmup);
                        for (int connections : gapsOnly ? new int[] {GAP_CONNECTIONS} : CONNECTIONS) {
                            Pair p = interleaved(fixed.getAddress(), target, q, connections, warmup, seconds,
                                    gapsOnly ? GAP_ROUNDS : ROUNDS);
                            report(json, table, perPage, team, status, connections, keys, p);
                            if (perPage == 100 && connections == GAP_CONNECTIONS && team == status) {
                                gapRow(gaps, team, keys, p);
                            }
                        }
                    } finally {
                        fixed.stop(0);
                    }
                }
            }
        }
    }

    /** wrk when it is on the PATH (as the issue measured, and as the creates row does), else our raw-socket client. */
    private static final Optional<Path> WRK = WrkLoad.ON_PATH;

    private static HttpLoad.Result load(InetSocketAddress target, String pathAndQuery, int connections, double warmup,
                                        double seconds) throws InterruptedException {
        if (WRK.isEmpty()) {
            return HttpLoad.run(target, pathAndQuery, BigOrg.TOKEN, connections, warmup, seconds, MAX_REQUESTS);
        }
        try {
            return WrkLoad.get(WRK.get(), target, pathAndQuery, BigOrg.TOKEN, connections, warmup, seconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Medians over the rounds of a list run and a fixed-body run taken turn about. */
    private record Pair(HttpLoad.Result list, HttpLoad.Result fixed, long failures, double throughputRatio,
                        double p99Ratio, int rounds) {
    }

    /**
     * The list and its ceiling, measured in alternation ({@link #ROUNDS} times each) so that a
     * slow spell of a shared machine hits both alike; each side's median round is kept.
     */
    private static Pair interleaved(InetSocketAddress fixed, InetSocketAddress list, String path,
                                    int connections, double warmup, double seconds, int rounds)
            throws InterruptedException {
        HttpLoad.Result[] f = new HttpLoad.Result[rounds];
        HttpLoad.Result[] l = new HttpLoad.Result[rounds];
        long failures = 0;
        for (int i = 0; i < rounds; i++) {
            f[i] = load(fixed, path, connections, warmup / 2, seconds);
            l[i] = load(list, path, connections, warmup / 2, seconds);
            failures += l[i].failures();
        }
        double[] throughput = new double[rounds];
        double[] p99 = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            throughput[i] = l[i].requestsPerSecond() / f[i].requestsPerSecond();
            p99[i] = l[i].p99Ms() / f[i].p99Ms();
        }
        return new Pair(median(l), median(f), failures, Util.median(throughput), Util.median(p99), rounds);
    }

    private static HttpLoad.Result median(HttpLoad.Result[] rounds) {
        HttpLoad.Result[] sorted = rounds.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(HttpLoad.Result::requestsPerSecond));
        return sorted[sorted.length / 2];
    }

    private static void gapRow(GapTable gaps, boolean filtered, int keys, Pair p) {
        HttpLoad.Result l = p.list();
        HttpLoad.Result f = p.fixed();
        String how = String.format(java.util.Locale.ROOT,
                "%d keys, c=%d, %s, median ratio of %d back-to-back pairs; median runs p99 %.2f vs %.2f ms, %.0f vs %.0f req/s, load %s",
                keys, GAP_CONNECTIONS, WrkLoad.CLIENT_NAME, p.rounds(), l.p99Ms(), f.p99Ms(), l.requestsPerSecond(), f.requestsPerSecond(),
                Util.loadAverages());
        if (filtered) {
            gaps.put(GapTable.Row.TEAM_LIST, p.throughputRatio(), how);
        } else {
            gaps.put(GapTable.Row.LIST_P99, p.p99Ratio(), how);
        }
    }

    private static void report(PrintStream json, List<String[]> table, int perPage, boolean team, boolean status,
                               int connections, int keys, Pair p) {
        Object[] params = {"per_page", perPage, "team", team, "status", status, "connections", connections,
                "keys", keys, "rounds", p.rounds(), "client", WrkLoad.CLIENT_NAME};
        HttpLoad.Result l = p.list();
        HttpLoad.Result f = p.fixed();
        Bench.emit(json, "list.throughput", l.requestsPerSecond(), "req/s", params);
        Bench.emit(json, "list.latency.p50", l.p50Ms(), "ms", params);
        Bench.emit(json, "list.latency.p99", l.p99Ms(), "ms", params);
        Bench.emit(json, "list.ceiling.throughput", f.requestsPerSecond(), "req/s", params);
        Bench.emit(json, "list.ceiling.latency.p99", f.p99Ms(), "ms", params);
        Bench.emit(json, "list.ratio.throughput", l.requestsPerSecond() / f.requestsPerSecond(), "x", params);
        Bench.emit(json, "list.ratio.p99", l.p99Ms() / f.p99Ms(), "x", params);
        // Each round's list run beside the ceiling run just before it, then the median of those
        // ratios: steadier than a ratio of medians when the machine's load drifts during the runs.
        Bench.emit(json, "list.paired_ratio.throughput", p.throughputRatio(), "x", params);
        Bench.emit(json, "list.paired_ratio.p99", p.p99Ratio(), "x", params);
        if (p.failures() > 0) {
            Bench.emit(json, "list.failures", p.failures(), "requests", params);
        }
        String label = String.format("list per_page=%d%s%s c=%d", perPage, team ? " team" : "", status ? " status" : "",
                connections);
        String note = String.format("p50 %.2f ms, p99 %.2f ms | ceiling %.0f req/s, p99 %.2f ms | %.2fx req/s, %.2fx p99"
                        + " (paired %.2fx, %.2fx)", l.p50Ms(), l.p99Ms(), f.requestsPerSecond(), f.p99Ms(),
                l.requestsPerSecond() / f.requestsPerSecond(), l.p99Ms() / f.p99Ms(), p.throughputRatio(), p.p99Ratio());
        if (p.failures() > 0) {
            note += ", " + p.failures() + " failed";
        }
        table.add(new String[] {label, String.format("%.0f req/s", l.requestsPerSecond()), note});
    }

    /** The ceiling: the same bytes and headers from a bare HttpServer on virtual threads. */
    private static HttpServer fixedBodyServer(HttpResponse<byte[]> sample) throws IOException {
        byte[] body = sample.body();
        Map<String, List<String>> headers = sample.headers().map();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        http.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            headers.forEach((name, values) -> {
                if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("date")
                        && !name.equalsIgnoreCase(":status")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        http.start();
        return http;
    }

    private static HttpResponse<byte[]> fetch(InetSocketAddress target, String pathAndQuery) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.getPort() + pathAndQuery))
                .header("Authorization", "Bearer " + BigOrg.TOKEN).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static double flag(String[] args, String name, double fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Double.parseDouble(a.substring(name.length() + 1));
            }
        }
        return fallback;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Runs the list benchmark alone: {@code java ... keys.bench.ListBench [--quick] [--list-keys=N]}. */
    public static void main(String[] args) throws Exception {
        List<String[]> table = new ArrayList<>();
        run(System.out, table, args);
        for (String[] row : table) {
            System.out.println(String.join("  ", row));
        }
    }
}
