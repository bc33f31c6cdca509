package keys.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.UseCase;
import keys.store.Change;
import keys.store.FsyncPolicy;
import keys.store.Store;
import keys.store.StoreOptions;
import keys.store.StoreStats;

/**
 * Durable write throughput: records/s that have returned from {@link Store#write} under each
 * fsync policy at 1, 4, 16 and 64 concurrent writers, beside the raw rate of append+fsync on the
 * same file system measured in the same run (the ceiling for {@code always}, and what
 * {@code batch} multiplies by sharing fsyncs). Each writer adds one key per write to its own project.
 */
public final class StoreBench {
    private static final int[] WRITERS = {1, 4, 16, 64};
    private static final long RAW_NANOS = 1_000_000_000L;
    private static final long DURABLE_NANOS = 1_200_000_000L;
    private static final long NEVER_NANOS = 500_000_000L;

    private StoreBench() {
    }

    public static void run(PrintStream jsonOut, List<String[]> tableRows) throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("keys-store-bench");
        try {
            double raw = rawFsyncRate(root.resolve("raw.bin"));
            Bench.emit(jsonOut, "fsync.raw", raw, "fsyncs/s", "bytes", 128, "dir", root.toString());
            tableRows.add(new String[] {"raw append+fsync (same disk)", String.format(Locale.ROOT, "%.0f", raw), "fsyncs/s"});
            int run = 0;
            for (FsyncPolicy policy : FsyncPolicy.values()) {
                for (int writers : WRITERS) {
                    Path dir = root.resolve("store-" + run++);
                    Result r = writes(dir, policy, writers, policy == FsyncPolicy.NEVER ? NEVER_NANOS : DURABLE_NANOS);
                    Util.deleteTree(dir);
                    Bench.emit(jsonOut, "store.write", r.perSecond, "records/s", "policy", policy.wire(),
                            "writers", writers, "fsyncsPerRecord", r.fsyncsPerRecord);
                    tableRows.add(new String[] {"store write, fsync " + policy.wire() + ", " + writers + " writers",
                            String.format(Locale.ROOT, "%.0f", r.perSecond),
                            String.format(Locale.ROOT, "records/s (%.3f fsyncs/record)", r.fsyncsPerRecord)});
                }
            }
        } finally {
            Util.deleteTree(root);
        }
    }

    private record Result(double perSecond, double fsyncsPerRecord) {
    }

    /** Appends 128 bytes and forces, over and over: what one fsync costs on this disk. */
    private static double rawFsyncRate(Path file) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(128);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long n = 0;
            long t0 = System.nanoTime();
            long elapsed;
            do {
                record.clear();
                while (record.hasRemaining()) {
                    ch.write(record);
                }
                ch.force(false);
                n++;
                elapsed = System.nanoTime() - t0;
            } while (elapsed < RAW_NANOS);
            return n * 1e9 / elapsed;
        }
    }

    private static Result writes(Path dir, FsyncPolicy policy, int writers, long nanos) throws InterruptedException {
        try (Store store = Store.open(dir, StoreOptions.defaults().withFsync(policy))) {
            long[] projects = new long[writers];
            store.write(tx -> {
                long org = tx.nextId();
                tx.add(new Change.PutOrganization(new Organization(org, "bench", "Bench", 0, true, null)));
                for (int i = 0; i < writers; i++) {
                    projects[i] = tx.nextId();
                    tx.add(new Change.PutProject(new Project(projects[i], org, "p" + i, "P" + i, null, 0, List.of())));
                }
                return null;
            });
            StoreStats before = store.stats();
            LongAdder done = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                long project = projects[w];
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    while (!stop.get()) {
                        store.write(tx -> {
                            long id = tx.nextId();
                            tx.add(new Change.PutKey(key(id, project)));
                            return null;
                        });
                        done.increment();
                    }
                }));
            }
            long t0 = System.nanoTime();
            start.countDown();
            Thread.sleep(nanos / 1_000_000);
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            long elapsed = System.nanoTime() - t0;
            long records = done.sum();
            long fsyncs = store.stats().fsyncs() - before.fsyncs();
            return new Result(records * 1e9 / elapsed, records == 0 ? 0 : (double) fsyncs / records);
        }
    }

    private static ClientKey key(long id, long project) {
        String hex = String.format("%032x", id);
        String secret = String.format("%016x%016x", ~id, id * 0x9E3779B97F4A7C15L);
        return new ClientKey(id, project, "Default", hex, secret, true, id, 0, 0, null, LoaderOption.DEFAULTS,
                UseCase.USER);
    }
}
