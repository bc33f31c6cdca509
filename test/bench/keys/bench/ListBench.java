package keys.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * HttpServer with the same executor answering the very same bytes and headers. The caller is a
 * superuser, so every page merges all 5,000 projects. Flags: {@code --list-keys=N},
 * {@code --list-seconds=S} (measured seconds per run), {@code --quick} (100k keys, short runs).
 */
public final class ListBench {
    private static final int PROJECTS = 5_000;
    private static final int TEAMS = 50;
    private static final int[] CONNECTIONS = {32, 64};
    private static final long MAX_REQUESTS = 2_000_000;

    private ListBench() {
    }

    public static void run(PrintStream json, List<String[]> table, String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int keys = (int) flag(args, "--list-keys", quick ? 100_000 : 1_000_000);
        double seconds = flag(args, "--list-seconds", quick ? 1.0 : 3.0);
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
                    measureAll(json, table, server.address(), keys, warmup, seconds);
                } finally {
                    server.stop(0);
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void measureAll(PrintStream json, List<String[]> table, InetSocketAddress target, int keys,
                                   double warmup, double seconds) throws Exception {
        String path = "/api/0/organizations/" + BigOrg.SLUG + "/project-keys/";
        // Both servers share this JVM with the load generator: let the JIT settle on the list's code
        // before the first figure, or the first configuration measured pays for it.
        HttpLoad.run(target, path + "?per_page=100", BigOrg.TOKEN, 64, 3 * warmup, warmup, MAX_REQUESTS);
        for (int perPage : new int[] {10, 100}) {
            String plain = path + "?per_page=" + perPage;
            HttpResponse<byte[]> sample = fetch(target, plain);
            if (sample.statusCode() != 200) {
                throw new IllegalStateException("the list answered " + sample.statusCode());
            }
            Bench.emit(json, "list.body_bytes", sample.body().length, "bytes", "per_page", perPage, "keys", keys);
            double[] ceilingP99 = new double[CONNECTIONS.length];
            HttpServer fixed = fixedBodyServer(sample);
            try {
                HttpLoad.run(fixed.getAddress(), plain, BigOrg.TOKEN, 64, 2 * warmup, warmup, MAX_REQUESTS);
                for (int i = 0; i < CONNECTIONS.length; i++) {
                    HttpLoad.Result r = HttpLoad.run(fixed.getAddress(), plain, BigOrg.TOKEN, CONNECTIONS[i], warmup,
                            seconds, MAX_REQUESTS);
                    ceilingP99[i] = r.p99Ms();
                    report(json, table, "fixed", perPage, false, false, CONNECTIONS[i], keys, r, Double.NaN);
                }
            } finally {
                fixed.stop(0);
            }
            for (boolean team : new boolean[] {false, true}) {
                for (boolean status : new boolean[] {false, true}) {
                    String q = plain + (team ? "&team=team-7" : "") + (status ? "&status=active" : "");
                    for (int i = 0; i < CONNECTIONS.length; i++) {
                        HttpLoad.Result r = HttpLoad.run(target, q, BigOrg.TOKEN, CONNECTIONS[i], warmup, seconds,
                                MAX_REQUESTS);
                        report(json, table, "list", perPage, team, status, CONNECTIONS[i], keys, r, ceilingP99[i]);
                    }
                }
            }
        }
    }

    private static void report(PrintStream json, List<String[]> table, String endpoint, int perPage, boolean team,
                               boolean status, int connections, int keys, HttpLoad.Result r, double ceilingP99) {
        Object[] params = {"endpoint", endpoint, "per_page", perPage, "team", team, "status", status,
                "connections", connections, "keys", keys};
        Bench.emit(json, "list.throughput", r.requestsPerSecond(), "req/s", params);
        Bench.emit(json, "list.latency.p50", r.p50Ms(), "ms", params);
        Bench.emit(json, "list.latency.p99", r.p99Ms(), "ms", params);
        if (r.failures() > 0) {
            Bench.emit(json, "list.failures", r.failures(), "requests", params);
        }
        String label = String.format("%s per_page=%d%s%s c=%d", endpoint, perPage, team ? " team" : "",
                status ? " status" : "", connections);
        String note = String.format("p50 %.2f ms, p99 %.2f ms", r.p50Ms(), r.p99Ms());
        if (!Double.isNaN(ceilingP99)) {
            note += String.format(" (%.2fx the fixed body's p99)", r.p99Ms() / ceilingP99);
        }
        if (r.failures() > 0) {
            note += ", " + r.failures() + " failed";
        }
        table.add(new String[] {label, String.format("%.0f req/s", r.requestsPerSecond()), note});
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
