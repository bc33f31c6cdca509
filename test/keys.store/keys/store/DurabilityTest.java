package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Fsync policies, group commit and the rule that readers never see a write that could be lost. */
class DurabilityTest {
    @TempDir
    Path tmp;

    @Test
    void groupCommitSharesFsyncsAmongConcurrentWriters() throws Exception {
        Path dir = tmp.resolve("batch");
        FaultyChannels slowDisk = new FaultyChannels();
        slowDisk.forceDelayMillis = 2; // writers pile up behind each fsync, as on a real disk
        int threads = 16;
        int perThread = 25;
        State done;
        try (Store store = Store.open(dir, StoreOptions.defaults().withFsync(FsyncPolicy.BATCH).withChannels(slowDisk))) {
            long project = Fixtures.seed(store);
            long fsyncsBefore = store.stats().fsyncs();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        long id = Fixtures.addKey(store, project);
                        assertTrue(store.state().keys(project).stream().anyMatch(k -> k.id() == id),
                                "a returned write is visible");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            long writes = threads * perThread;
            long fsyncs = store.stats().fsyncs() - fsyncsBefore;
            assertEquals(writes + 1, store.stats().records());
            assertTrue(fsyncs < writes, fsyncs + " fsyncs for " + writes + " writes");
            assertTrue(fsyncs > 0);
            done = store.state();
            assertEquals(writes, done.keyCount());
        }
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            Fixtures.assertSameState(done, store.state());
        }
    }

    @Test
    void concurrentWritersAndBackgroundCompactionsLoseNothing() throws Exception {
        Path dir = tmp.resolve("churn");
        int threads = 8;
        int perThread = 150;
        State done;
        StoreOptions options = StoreOptions.defaults().withFsync(FsyncPolicy.BATCH).withCompactThresholdBytes(2048);
        try (Store store = Store.open(dir, options)) {
            long project = Fixtures.seed(store);
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(Thread.ofPlatform().start(() -> Fixtures.addKeys(store, project, perThread)));
            }
            for (Thread w : writers) {
                w.join();
            }
            Fixtures.awaitCompaction(store);
            assertTrue(store.stats().compactions() > 0, "no compaction ran alongside the writers");
            assertEquals(0, store.stats().compactionFailures());
            done = store.state();
            assertEquals(threads * perThread, done.keyCount());
        }
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            Fixtures.assertSameState(done, store.state());
        }
    }

    @Test
    void alwaysSyncsEveryWriteAndNeverSyncsNone() {
        try (Store always = Store.open(tmp.resolve("always"), StoreOptions.defaults().withFsync(FsyncPolicy.ALWAYS))) {
            long project = Fixtures.seed(always);
            Fixtures.addKey(always, project);
            assertEquals(2, always.stats().fsyncs());
        }
        try (Store never = Store.open(tmp.resolve("never"), Fixtures.FAST)) {
            long project = Fixtures.seed(never);
            Fixtures.addKey(never, project);
            assertEquals(0, never.stats().fsyncs());
            assertEquals(1, never.state().keyCount(), "visible at once");
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsyncPolicy.class, names = {"ALWAYS", "BATCH"})
    void readersDoNotSeeAWriteBeforeItsFsync(FsyncPolicy policy) throws Exception {
        FaultyChannels disk = new FaultyChannels();
        try (Store store = Store.open(tmp.resolve(policy.wire()), StoreOptions.defaults().withFsync(policy).withChannels(disk))) {
            long project = Fixtures.seed(store);
            CountDownLatch gate = new CountDownLatch(1);
            disk.forceGate = gate;
            Thread writer = Thread.ofPlatform().start(() -> Fixtures.addKey(store, project));
            try {
                disk.forceEntered.await(); // the record is appended and its fsync has begun
                assertEquals(0, store.state().keyCount(), "a reader saw a write that is not durable yet");
                assertTrue(writer.isAlive(), "the write returned before its fsync");
            } finally {
                gate.countDown(); // let the fsync finish whatever happened, or close() would wait for it
            }
            writer.join();
            assertEquals(1, store.state().keyCount());
        }
    }

    @Test
    void aBodyThatThrowsWritesNothing() {
        Path dir = tmp.resolve("throws");
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            long project = Fixtures.seed(store);
            long records = store.stats().records();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.write(tx -> {
                tx.add(new Change.PutKey(Fixtures.key(tx.nextId(), project)));
                throw new IllegalStateException("changed my mind");
            }));
            assertEquals("changed my mind", e.getMessage());
            assertEquals(records, store.stats().records());
            assertEquals(0, store.state().keyCount());
            assertEquals("nothing", store.write(tx -> "nothing"), "a body without changes writes no record");
            assertEquals(records, store.stats().records());
        }
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            assertEquals(0, store.state().keyCount());
        }
    }

    @Test
    void idsAllocatedButUnusedAreNotHandedOutAgainAfterAReopen() {
        Path dir = tmp.resolve("ids");
        long last;
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            long project = Fixtures.seed(store);
            last = store.write(tx -> {
                long id = tx.nextId();
                tx.nextId();
                tx.nextId();
                tx.add(new Change.PutKey(Fixtures.key(id, project)));
                return id + 2;
            });
            assertEquals(last, store.state().lastId());
        }
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            assertEquals(last, store.state().lastId());
            assertEquals(last + 1, Fixtures.addKey(store, Fixtures.projectOf(store.state())));
        }
    }

    @Test
    void writesAfterCloseAreRefused() {
        Store store = Store.open(tmp.resolve("closed"), Fixtures.FAST);
        store.close();
        assertFalse(store.isOpen());
        assertThrows(StoreUnavailableException.class, () -> Fixtures.seed(store));
        store.close(); // twice is fine
    }
}
