package keys.bench;

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
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/**
 * Start-up of the linked image: process start to the first 200 on /healthz against the floor (the
 * smallest JDK HTTP server, {@link Floor}), alternately on a restart with an empty store; then to
 * the first 200 on /healthz and on the list endpoint, empty and with 100k and 1M keys; and the idle
 * RSS once it answers.
 */
final class StartupBench {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    private StartupBench() {
    }

    static void run(PrintStream json, List<String[]> table) throws Exception {
        Path keys = Path.of(System.getProperty("keys.image", "build/image"), "bin", "keys");
        if (!Files.isExecutable(keys)) {
            table.add(new String[] {"startup", "skipped", "no image at " + keys});
            return;
        }
        warmClient();
        againstFloor(json, table, keys);
        for (int n : new int[] {0, 100_000, 1_000_000}) {
            Path dir = Files.createTempDirectory("keys-start");
            try {
                if (n > 0) {
                    BigOrg.create(dir, n, 5_000, 50);
                }
                measure(json, table, keys, dir, n);
            } finally {
                Util.deleteTree(dir);
            }
        }
    }

    /**
     * One request before any clock starts: the client's own first request loads a few hundred
     * classes, which would otherwise be counted (and compete for the cores) as the server's start.
     */
    private static void warmClient() throws Exception {
        HttpServer warm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        warm.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        warm.start();
        try {
            for (int i = 0; i < 3; i++) {
                CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + warm.getAddress().getPort() + "/"))
                        .build(), HttpResponse.BodyHandlers.discarding());
            }
        } finally {
            warm.stop(0);
        }
    }

    /** Alternate starts of the floor and of keys for the ratio; the medians are compared. */
    private static final int FLOOR_RUNS = 7;

    /**
     * The floor and a keys restart, alternately: keys on a directory initialised by a first start
     * (store, lock file and admin exist; nothing else), which is what a restart in place sees.
     * Beside the time, the CPU each process used until its first answer (all its threads):
     * on a shared box that ratio moves less than the times.
     */
    private static void againstFloor(PrintStream json, List<String[]> table, Path keys) throws Exception {
        Path work = Files.createTempDirectory("keys-floor");
        try {
            Floor floor = Floor.prepare(keys.getParent().getParent(), work);
            Path dir = Files.createDirectory(work.resolve("data"));
            startOnce(keys, dir, 0); // initialises it, untimed
            double[][] f = new double[2][FLOOR_RUNS];
            double[][] k = new double[2][FLOOR_RUNS];
            for (int run = 0; run < FLOOR_RUNS; run++) {
                settle();
                int port = freePort();
                ProcessBuilder pb = new ProcessBuilder(floor.command(port))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                long t0 = System.nanoTime();
                Process p = pb.start();
                try {
                    f[0][run] = waitFor200("http://127.0.0.1:" + port + "/healthz", null, t0);
                    f[1][run] = cpuMs(p.pid());
                } finally {
                    p.destroy();
                    p.waitFor();
                }
                settle();
                double[] one = startOnce(keys, dir, -1);
                k[0][run] = one[0];
                k[1][run] = one[3];
            }
            double load = Util.loadAverage();
            double fm = median(f[0]);
            double km = median(k[0]);
            double fc = median(f[1]);
            double kc = median(k[1]);
            Bench.emit(json, "startup.floor", fm, "ms", "runs", FLOOR_RUNS, "min", f[0][0], "max", f[0][FLOOR_RUNS - 1],
                    "cpuMs", Math.round(fc), "aot", floor.cached(), "load1", Math.round(load * 100) / 100.0);
            Bench.emit(json, "startup.restart", km, "ms", "runs", FLOOR_RUNS, "min", k[0][0], "max", k[0][FLOOR_RUNS - 1],
                    "cpuMs", Math.round(kc), "load1", Math.round(load * 100) / 100.0);
            Bench.emit(json, "startup.ratio", km / fm, "x", "cpu", Math.round(kc / fc * 100) / 100.0, "aim", 1.2);
            table.add(new String[] {"floor: JDK HttpServer to /healthz", String.format("%.0f ms", fm),
                    String.format("median of %d (%.0f..%.0f), CPU %.0f ms, own AOT cache: %s, load %.2f", FLOOR_RUNS,
                            f[0][0], f[0][FLOOR_RUNS - 1], fc, floor.cached(), load)});
            table.add(new String[] {"keys restart to /healthz, empty store", String.format("%.0f ms", km),
                    String.format("median of %d (%.0f..%.0f), CPU %.0f ms, alternating with the floor", FLOOR_RUNS,
                            k[0][0], k[0][FLOOR_RUNS - 1], kc)});
            table.add(new String[] {"keys restart / floor", String.format("%.2f", km / fm),
                    String.format("CPU %.2f; aim <= 1.2", kc / fc)});
        } finally {
            Util.deleteTree(work);
        }
    }

    /** Sorts {@code values} and returns the middle one. */
    private static double median(double[] values) {
        Arrays.sort(values);
        return values[values.length / 2];
    }

    /**
     * CPU time a running process has used so far, every thread's (also those that ended), from
     * /proc/PID/stat in clock ticks (10 ms); 0 where there is no /proc.
     */
    private static double cpuMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0; // utime, stime (USER_HZ is 100 on Linux)
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Runs per directory size; the median is reported (a single start is at the mercy of the box). */
    private static final int RUNS = 5;

    private static void measure(PrintStream json, List<String[]> table, Path keys, Path dir, int n) throws Exception {
        double[] health = new double[RUNS];
        double[] first = new double[RUNS];
        long rssKb = 0;
        for (int run = 0; run < RUNS; run++) {
            settle();
            double[] one = startOnce(keys, dir, n);
            health[run] = one[0];
            first[run] = one[1];
            rssKb = (long) one[2];
        }
        Arrays.sort(health);
        Arrays.sort(first);
        double h = health[RUNS / 2];
        double f = first[RUNS / 2];
        Bench.emit(json, "startup.healthz", h, "ms", "keys", n, "runs", RUNS, "min", health[0], "max", health[RUNS - 1]);
        Bench.emit(json, "startup.first_list", f, "ms", "keys", n, "runs", RUNS);
        Bench.emit(json, "process.rss", rssKb, "KiB", "keys", n);
        table.add(new String[] {"start to /healthz, " + n + " keys", String.format("%.0f ms", h),
                String.format("median of %d (%.0f..%.0f)", RUNS, health[0], health[RUNS - 1])
                        + (n == 0 ? ", aim <= 100 ms" : n == 1_000_000 ? ", aim <= 1.5 s" : "")});
        table.add(new String[] {"start to first list, " + n + " keys", String.format("%.0f ms", f), ""});
        table.add(new String[] {"RSS after start, " + n + " keys", rssKb / 1024 + " MiB", ""});
    }

    /** This JVM's own collector should not compete with the start being measured. */
    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(300);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * One start: {ms to /healthz 200, ms to the first list 200, RSS in KiB then, CPU ms at the
     * /healthz 200}; n &lt; 0: to /healthz only (the list and RSS are 0).
     */
    private static double[] startOnce(Path keys, Path dir, int n) throws Exception {
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        ProcessBuilder pb = new ProcessBuilder(keys.toString(), "serve", "--data", dir.toString(),
                "--listen", "127.0.0.1:" + port, "--fsync", "never", "--access-log", "false")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("KEYS_ADMIN_TOKEN", BigOrg.TOKEN);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            double health = waitFor200(base + "/healthz", null, t0);
            double cpu = cpuMs(p.pid());
            if (n < 0) {
                return new double[] {health, 0, 0, cpu};
            }
            String list = n == 0 ? "/api/0/organizations/" : "/api/0/organizations/" + BigOrg.SLUG + "/project-keys/";
            double first = waitFor200(base + list, BigOrg.TOKEN, t0);
            return new double[] {health, first, rssKb(p.pid()), cpu};
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    private static double waitFor200(String url, String token, long t0) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = b.build();
        long deadline = t0 + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - t0) / 1e6;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("no 200 from " + url + " within 60 s");
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
