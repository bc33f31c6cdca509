package keys.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import keys.store.FsyncPolicy;
import keys.store.Store;
import keys.store.StoreOptions;

/** Open time and heap per key at 100k and 1M keys (5,000 projects, 50 teams). */
final class HeapBench {
    private HeapBench() {
    }

    static void run(PrintStream json, List<String[]> table) throws Exception {
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
                store.close();
                Bench.emit(json, "store.open", openMs, "ms", "keys", keys);
                Bench.emit(json, "heap.per_key", perKey, "bytes", "keys", keys);
                table.add(new String[] {"store open, " + keys + " keys", String.format("%.0f ms", openMs), ""});
                table.add(new String[] {"heap per key, " + keys + " keys", String.format("%.0f B", perKey), "aim <= 200 B"});
            } finally {
                Util.deleteTree(dir);
            }
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
