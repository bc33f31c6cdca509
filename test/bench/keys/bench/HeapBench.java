package keys.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import keys.store.FsyncPolicy;
import keys.store.IdSet;
import keys.store.KeyQuery;
import keys.store.State;
import keys.store.Store;
import keys.store.StoreOptions;

/**
 * Open time and heap per key at 100k and 1M keys (5,000 projects, 50 teams), and whether 1M keys
 * open and answer a list page in a JVM capped at {@value #SMALL_HEAP} (issue 15: open <= 0.5 s,
 * <= 128 B a key). The figures come from static methods, so other suites can put them in ratios.
 */
final class HeapBench {
    static final String SMALL_HEAP = "256m";
    private static final int OPENS = 3;

    private HeapBench() {
    }

    static void run(PrintStream json, List<String[]> table, GapTable gaps) throws Exception {
        for (int keys : new int[] {100_000, 1_000_000}) {
            Path dir = Files.createTempDirectory("keys-heap");
            try {
                BigOrg.create(dir, keys, 5_000, 50);
                double perKey = heapPerKey(dir, keys, keys == 1_000_000 ? state -> keyQuery(json, table, state) : null);
                double openSeconds = openSeconds(dir, OPENS);
                Bench.emit(json, "store.open", openSeconds * 1000, "ms", "keys", keys, "median_of", OPENS,
                        "load", Math.round(Util.loadAverage() * 100) / 100.0);
                Bench.emit(json, "heap.per_key", perKey, "bytes", "keys", keys);
                table.add(new String[] {"store open, " + keys + " keys", String.format("%.0f ms", openSeconds * 1000),
                        String.format("median of %d%s, load %.2f", OPENS, keys == 1_000_000 ? ", aim <= 500 ms" : "",
                                Util.loadAverage())});
                table.add(new String[] {"heap per key, " + keys + " keys", String.format("%.0f B", perKey),
                        keys == 1_000_000 ? "aim <= 128 B" : ""});
                if (keys == 1_000_000) {
                    String how = "in-process Store.open, median of " + OPENS + ", load " + Util.loadAverages();
                    gaps.put(GapTable.Row.OPEN_1M, openSeconds, how);
                    gaps.put(GapTable.Row.HEAP_1M, perKey, how);
                    SmallHeap small = smallHeap(dir, SMALL_HEAP);
                    Bench.emit(json, "store.fits_small_heap", small.fits() ? 1 : 0, "bool", "keys", keys, "xmx", SMALL_HEAP);
                    table.add(new String[] {"1M keys open + list page, -Xmx" + SMALL_HEAP + " Serial GC",
                            small.fits() ? "pass" : "FAIL", "aim pass"});
                    if (small.fits()) {
                        Bench.emit(json, "store.open_cold_small_heap", small.openSeconds() * 1000, "ms", "keys", keys,
                                "xmx", SMALL_HEAP);
                        table.add(new String[] {"cold open in that JVM", String.format("%.0f ms", small.openSeconds() * 1000),
                                "fresh JVM, no JIT warm-up"});
                    }
                }
            } finally {
                Util.deleteTree(dir);
            }
        }
    }

    /** Median wall time in seconds of {@code times} opens of {@code dir}, each after a GC. */
    static double openSeconds(Path dir, int times) throws Exception {
        double[] seconds = new double[times];
        for (int i = 0; i < times; i++) {
            usedAfterGc();
            long t0 = System.nanoTime();
            Store store = Store.open(dir, StoreOptions.defaults().withFsync(FsyncPolicy.NEVER));
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            store.close();
        }
        Arrays.sort(seconds);
        return seconds[times / 2];
    }

    /**
     * Heap bytes per key of {@code dir} open (used after GC, open minus closed); {@code whileOpen},
     * when not null, then runs on the open state.
     */
    static double heapPerKey(Path dir, long keys, Consumer<State> whileOpen) throws Exception {
        long before = usedAfterGc();
        try (Store store = Store.open(dir, StoreOptions.defaults().withFsync(FsyncPolicy.NEVER))) {
            double perKey = (usedAfterGc() - before) / (double) keys;
            if (whileOpen != null) {
                whileOpen.accept(store.state());
            }
            return perKey;
        }
    }

    /** What the capped child JVM of {@link #smallHeap} saw: whether it listed a page, and its (cold) open time. */
    record SmallHeap(boolean fits, double openSeconds) {
    }

    /**
     * Opens {@code dir} in a JVM capped at {@code maxHeap} with the launcher's Serial GC and asks
     * for a 100-key list page: {@code fits} when it answers.
     */
    static SmallHeap smallHeap(Path dir, String maxHeap) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
                HeapBench.class.getName(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("open_ms (\\d+) page 100").matcher(out);
        if (p.waitFor() == 0 && m.find()) {
            return new SmallHeap(true, Long.parseLong(m.group(1)) / 1000.0);
        }
        System.err.println("bench: -Xmx" + maxHeap + " open of " + dir + " failed: " + out.strip());
        return new SmallHeap(false, Double.NaN);
    }

    /** The child of {@link #smallHeap}: opens the directory and lists the first page of the big org's keys. */
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try (Store store = Store.open(Path.of(args[0]), StoreOptions.defaults().withFsync(FsyncPolicy.NEVER))) {
            long openMs = (System.nanoTime() - t0) / 1_000_000;
            State state = store.state();
            long orgId = state.organizationBySlug(BigOrg.SLUG).orElseThrow().id();
            List<?> page = state.queryKeys(new KeyQuery(state.projectIds(orgId), null, true, 0, false, 0, 100, orgId));
            System.out.println("keys " + state.keyCount() + " open_ms " + openMs + " page " + page.size());
        }
    }

    private record QueryCase(String label, IdSet projects, long orgIndex) {}

    /** The key query alone: a 100-key page from 10 projects and from all 5,000, merged or scanned. */
    private static void keyQuery(PrintStream json, List<String[]> table, State state) {
        long orgId = state.organizationBySlug(BigOrg.SLUG).orElseThrow().id();
        IdSet all = state.projectIds(orgId);
        IdSet ten = IdSet.of(LongStream.range(0, 10).map(i -> all.get((int) i * 500)).toArray());
        for (QueryCase c : List.of(new QueryCase("10 projects", ten, 0L),
                new QueryCase("5000 projects, merged", all, 0L),
                new QueryCase("5000 projects, org index", all, orgId))) {
            KeyQuery q = new KeyQuery(c.projects(), null, true, 0, false, 0, 100, c.orgIndex());
            long[] nanos = new long[2000];
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                state.queryKeys(q);
                nanos[i] = System.nanoTime() - t0;
            }
            long[] steady = Arrays.copyOfRange(nanos, 1000, 2000); // the first half warms the JIT
            Arrays.sort(steady);
            double p50 = Util.percentile(steady, 50) / 1000.0;
            double p99 = Util.percentile(steady, 99) / 1000.0;
            Bench.emit(json, "store.key_query.p50", p50, "us", "projects", c.label(), "keys", 1_000_000, "per_page", 100);
            Bench.emit(json, "store.key_query.p99", p99, "us", "projects", c.label(), "keys", 1_000_000, "per_page", 100);
            table.add(new String[] {"key query, 100 keys, " + c.label(), String.format("p50 %.0f us", p50),
                    String.format("p99 %.0f us", p99)});
        }
    }

    static long usedAfterGc() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
