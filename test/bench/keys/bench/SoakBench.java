package keys.bench;

import java.io.PrintStream;
import java.util.List;

import keys.http.MixedLoad;
import keys.http.TestServer;

/**
 * {@code SoakTest}'s mixed read/write load ({@link MixedLoad}) for two minutes, or
 * {@code -Dkeys.soak.seconds=N}, against one in-process server: requests, unexpected answers,
 * latency percentiles and the heap after GC before and after. Reports; asserts nothing.
 */
public final class SoakBench {
    static final double DEFAULT_SECONDS = 120;
    static final int THREADS = 8;

    private SoakBench() {
    }

    public static void run(PrintStream json, List<String[]> table) {
        double seconds = Double.parseDouble(System.getProperty("keys.soak.seconds", Double.toString(DEFAULT_SECONDS)));
        try (TestServer ts = TestServer.start()) {
            MixedLoad load = new MixedLoad(ts, THREADS);
            long heapStart = MixedLoad.heapAfterGc();
            MixedLoad.Report r = load.run(seconds);
            long heapEnd = MixedLoad.heapAfterGc();
            Bench.emit(json, "soak.requests", r.requests(), "requests", "seconds", seconds, "threads", THREADS);
            Bench.emit(json, "soak.errors", r.errors(), "requests", "serverErrors", r.serverErrors());
            Bench.emit(json, "soak.p50", r.p50Ms(), "ms");
            Bench.emit(json, "soak.p99", r.p99Ms(), "ms");
            Bench.emit(json, "soak.heap_after_gc_start", heapStart, "bytes");
            Bench.emit(json, "soak.heap_after_gc_end", heapEnd, "bytes");
            table.add(new String[] {"soak: mixed load", r.requests() + " requests in " + Math.round(seconds) + " s",
                    r.errors() + " unexpected, " + r.serverErrors() + " 5xx"});
            table.add(new String[] {"soak: latency", String.format("p50 %.2f ms, p99 %.2f ms", r.p50Ms(), r.p99Ms()), ""});
            table.add(new String[] {"soak: heap after GC", (heapStart >> 20) + " → " + (heapEnd >> 20) + " MiB", ""});
            for (String p : r.problems()) {
                System.err.println("SoakBench: " + p);
            }
        }
    }
}
