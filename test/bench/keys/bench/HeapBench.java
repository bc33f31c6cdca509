package keys.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import keys.store.FsyncPolicy;
import keys.store.IdSet;
import keys.store.KeyQuery;
import keys.store.State;
import keys.store.Store;
import keys.store.StoreOptions;

/** Open time and heap per key at 100k and 1M keys (5,000 projects, 50 teams). */
final class HeapBench {
    private HeapBench() {
    }

    static void run(PrintStream json, List<String[]> table, GapTable gaps) throws Exception {
        for (int keys : new int[] {100_000, 1_000_000}) {
            Path dir = Files.createTempDirectory("keys-heap");
            try {
                BigOrg.create(dir, keys, 5_000, 50);
                long before = usedAfterGc();
                long t0 = System.nanoTime();
                Store store = Store.open(dir, StoreOptions.defaults().withFsync(FsyncPolicy.NEVER));
                double openMs = (System.nanoTime() - t0) / 1e6;
                long after = usedAfterGc();
                double perKey = (after - before) / (double) keys;
                if (keys == 1_000_000) {
                    keyQuery(json, table, store.state());
                }
                store.close();
                Bench.emit(json, "store.open", openMs, "ms", "keys", keys);
                Bench.emit(json, "heap.per_key", perKey, "bytes", "keys", keys);
                table.add(new String[] {"store open, " + keys + " keys", String.format("%.0f ms", openMs), ""});
                table.add(new String[] {"heap per key, " + keys + " keys", String.format("%.0f B", perKey), "aim <= 200 B"});
                if (keys == 1_000_000) {
                    String load = "in-process Store.open, load " + GapTable.loadAverage();
                    gaps.put(GapTable.Row.OPEN_1M, openMs / 1000, load);
                    gaps.put(GapTable.Row.HEAP_1M, perKey, load);
                }
            } finally {
                Util.deleteTree(dir);
            }
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
