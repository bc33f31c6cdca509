package keys.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import keys.http.FuzzReport;
import keys.http.FuzzRunner;
import keys.http.FuzzTarget;
import keys.http.TestServer;

/**
 * The hostile-HTTP fuzzer of {@code HostileHttpTest} at scale: at least 100,000 cases (or
 * {@code -Dkeys.fuzz.cases=N}) within about three minutes against one in-process server, then the
 * counts that matter — 5xx, violations, connections the server closed — and the heap after GC
 * before and after. Reports; asserts nothing.
 */
public final class FuzzBench {
    static final int DEFAULT_CASES = 100_000;
    static final long TIME_LIMIT_SECONDS = 180;

    private FuzzBench() {
    }

    public static void run(PrintStream json, List<String[]> table) {
        int cases = Integer.getInteger("keys.fuzz.cases", DEFAULT_CASES);
        Long fixed = Long.getLong("keys.seed");
        long seed = fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
        try (TestServer ts = TestServer.start()) {
            FuzzTarget target = FuzzTarget.seed(ts);
            long heapBefore = heapAfterGc();
            long start = System.nanoTime();
            FuzzReport r;
            try (FuzzRunner runner = new FuzzRunner(target)) {
                r = runner.run(seed, cases, 100, start + TimeUnit.SECONDS.toNanos(TIME_LIMIT_SECONDS));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long heapAfter = heapAfterGc();
            Bench.emit(json, "fuzz.cases", r.cases, "cases", "seed", seed, "seconds", Math.round(seconds));
            Bench.emit(json, "fuzz.rate", r.cases / seconds, "cases/s");
            Bench.emit(json, "fuzz.5xx", r.unexpectedFiveXx(), "responses", "jdk501UnknownCoding",
                    r.notImplementedTransferCodings);
            Bench.emit(json, "fuzz.violations", r.violationCount, "cases");
            Bench.emit(json, "fuzz.closedByServer", r.closed, "connections");
            Bench.emit(json, "fuzz.jdkLayerReplies", r.protocolReplies, "responses");
            Bench.emit(json, "fuzz.probes", r.probes, "requests");
            Bench.emit(json, "fuzz.heap.before", heapBefore, "bytes");
            Bench.emit(json, "fuzz.heap.after", heapAfter, "bytes");
            table.add(new String[] {"fuzz: hostile cases", r.cases + " in " + Math.round(seconds) + " s",
                    r.unexpectedFiveXx() + " 5xx, " + r.violationCount + " violations"});
            table.add(new String[] {"fuzz: heap after GC", (heapBefore >> 20) + " → " + (heapAfter >> 20) + " MiB", ""});
            if (r.violationCount > 0) {
                System.err.println("FuzzBench: " + r.summary());
            }
        }
    }

    static long heapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** Runs alone: {@code java -cp … keys.bench.FuzzBench}. */
    public static void main(String[] args) {
        List<String[]> table = new java.util.ArrayList<>();
        run(System.out, table);
        table.forEach(row -> System.out.println(String.join("  ", row)));
    }
}
