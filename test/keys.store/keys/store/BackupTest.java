package keys.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keys.domain.ClientKey;

/**
 * interface.md §7, online backup: {@link Backup#read} beside a store that 8 writers keep busy
 * under group commit, with compactions forced at every point of the read and of the compaction.
 * Every key acknowledged before the read began is in it, the export imports into a directory that
 * checks, and no writer ever sees an error.
 */
class BackupTest {
    private static final StoreOptions BATCH = StoreOptions.defaults().withFsync(FsyncPolicy.BATCH);
    private static final int WRITERS = 8;

    @TempDir
    Path tmp;

    /** Writer threads adding one key per write until closed; remembers what was acknowledged. */
    private static final class Writers implements AutoCloseable {
        final Set<Long> acked = ConcurrentHashMap.newKeySet();
        final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();

        Writers(Store store, long project) throws InterruptedException {
            for (int i = 0; i < WRITERS; i++) {
                threads.add(Thread.ofPlatform().name("writer-" + i).start(() -> {
                    try {
                        while (!stop.get()) {
                            acked.add(Fixtures.addKey(store, project));
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }));
            }
            while (acked.size() < 200 && errors.isEmpty()) {
                Thread.sleep(1);
            }
        }

        @Override
        public void close() {
            stop.set(true);
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            assertEquals(List.of(), errors, "a writer saw an error");
        }
    }

    @Test
    void aLiveReadHoldsEveryAcknowledgedWrite() throws Exception {
        exportUnderLoad("plain", store -> Backup.Hook.NONE, 1);
    }

    @Test
    void aCompactionBetweenListingAndReadingIsRetried() throws Exception {
        exportUnderLoad("listed", store -> compactOnce(store, Backup.Step.LISTED), 2);
    }

    @Test
    void aCompactionAfterReadingIsNoticedAndRetried() throws Exception {
        exportUnderLoad("scanned", store -> compactOnce(store, Backup.Step.SCANNED), 2);
    }

    private static Backup.Hook compactOnce(Store store, Backup.Step at) {
        AtomicBoolean done = new AtomicBoolean();
        return step -> {
            if (step == at && !done.getAndSet(true)) {
                store.compact();
            }
        };
    }

    /** Reads the directory while writers run; {@code minAttempts} reads are expected (a retry after a compaction). */
    private void exportUnderLoad(String name, java.util.function.Function<Store, Backup.Hook> hookFor, int minAttempts)
            throws Exception {
        Path dir = tmp.resolve(name);
        try (Store store = Store.open(dir, BATCH)) {
            long project = Fixtures.seed(store);
            State read;
            Set<Long> before;
            AtomicInteger attempts = new AtomicInteger();
            Backup.Hook hook = hookFor.apply(store);
            try (Writers writers = new Writers(store, project)) {
                before = Set.copyOf(writers.acked);
                read = Backup.read(dir, step -> {
                    if (step == Backup.Step.LISTED) {
                        attempts.incrementAndGet();
                    }
                    hook.reached(step);
                });
            }
            assertTrue(attempts.get() >= minAttempts, "attempts: " + attempts);
            assertHolds(read, before, tmp.resolve(name + "-restored"));
        }
    }

    /**
     * Compactions one after another while reads run: files vanish between listing and opening,
     * mid-read. A millisecond between compactions: back to back, on two busy cores, every one of a
     * read's 100 attempts can meet one (a real server compacts once per 64 MiB of log).
     */
    @Test
    void readsRacingCompactionsInALoop() throws Exception {
        Path dir = tmp.resolve("race");
        try (Store store = Store.open(dir, BATCH)) {
            long project = Fixtures.seed(store);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger compactions = new AtomicInteger();
            List<Throwable> compactorErrors = Collections.synchronizedList(new ArrayList<>());
            Thread compactor = Thread.ofPlatform().name("compactor").start(() -> {
                try {
                    while (!stop.get()) {
                        store.compact();
                        compactions.incrementAndGet();
                        Thread.sleep(1);
                    }
                } catch (Throwable t) {
                    compactorErrors.add(t);
                }
            });
            try (Writers writers = new Writers(store, project)) {
                for (int i = 0; i < 40; i++) {
                    Set<Long> before = Set.copyOf(writers.acked);
                    State read = Backup.read(dir);
                    Set<Long> ids = new HashSet<>();
                    read.asChanges().forEach(c -> {
                        if (c instanceof Change.PutKey(ClientKey k)) {
                            ids.add(k.id());
                        }
                    });
                    assertTrue(ids.containsAll(before), "read " + i + " lost acknowledged keys");
                }
            } finally {
                stop.set(true);
                compactor.join();
            }
            assertEquals(List.of(), compactorErrors);
            assertTrue(compactions.get() > 0);
        }
    }

    @Test
    void aReadAtEveryStepOfACompactionHoldsEveryAcknowledgedWrite() throws Exception {
        for (CompactionHook.Step step : CompactionHook.Step.values()) {
            Path dir = tmp.resolve("during-" + step);
            List<Runnable> checks = new ArrayList<>();
            Writers[] writers = new Writers[1];
            CompactionHook hook = reached -> {
                if (reached == step && checks.isEmpty()) {
                    Set<Long> before = Set.copyOf(writers[0].acked);
                    State read = Backup.read(dir);
                    checks.add(() -> assertHolds(read, before, tmp.resolve("restored-" + step)));
                }
            };
            try (Store store = Store.open(dir, BATCH.withCompactionHook(hook))) {
                long project = Fixtures.seed(store);
                try (Writers w = new Writers(store, project)) {
                    writers[0] = w;
                    store.compact(); // an older generation for this one to delete
                    store.compact();
                }
            }
            assertEquals(1, checks.size(), step + " was reached");
            checks.getFirst().run();
        }
    }

    @Test
    void aReadOnlyCopyIsReadWithoutChangingIt() throws Exception {
        Path dir = tmp.resolve("copy-source");
        State expected;
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            long project = Fixtures.seed(store);
            Fixtures.addKeys(store, project, 30);
            store.compact();
            Fixtures.addKey(store, project);
            expected = store.state();
        }
        Path copy = Fixtures.copy(dir, tmp.resolve("copy"));
        Path log = DataDir.logs(copy).getLast().file();
        Files.write(log, new byte[] {0, 0, 0, 50, 9, 9}, StandardOpenOption.APPEND); // a write cut short
        var before = RepairTest.bytes(copy);
        try (var files = Files.list(copy)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("r--------"));
            }
        }
        Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("r-x------"));
        try {
            Fixtures.assertSameState(expected, Backup.read(copy));
            RepairTest.assertBytesEqual(before, RepairTest.bytes(copy), "the read changed the copy");
        } finally {
            Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** The read holds every acknowledged key, unaltered; its export imports into a directory that checks. */
    private static void assertHolds(State read, Set<Long> acknowledged, Path restored) {
        Set<Long> ids = new HashSet<>();
        for (Change c : read.asChanges()) {
            if (c instanceof Change.PutKey(ClientKey k)) {
                ids.add(k.id());
                assertEquals(Fixtures.key(k.id(), k.projectId()), k);
            }
        }
        Set<Long> missing = new HashSet<>(acknowledged);
        missing.removeAll(ids);
        assertEquals(Set.of(), missing, "acknowledged before the read began, missing from it");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Store.export(read, out);
        Store.importInto(restored, new ByteArrayInputStream(out.toByteArray()), Fixtures.FAST);
        assertTrue(Store.check(restored).ok(), Store.check(restored).toString());
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try (Store store = Store.open(restored, Fixtures.FAST)) {
            Store.export(store.state(), again);
        }
        assertArrayEquals(out.toByteArray(), again.toByteArray(), "the import serves the same state");
    }
}
