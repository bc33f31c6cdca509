package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import keys.store.WriteStatus.Condition;

/**
 * After a failed write or fsync the store refuses every later write (it cannot know what reached
 * the disk), reads go on from the last durable state, and a reopen recovers every acknowledged write.
 */
class FaultInjectionTest {
    @TempDir
    Path tmp;

    enum Fault {
        FAILING_FORCE(d -> d.failForce = true),
        SHORT_WRITE(d -> d.failWriteHalfway = true),
        FULL_DISK(d -> d.diskFull = true);

        final Consumer<FaultyChannels> arm;

        Fault(Consumer<FaultyChannels> arm) {
            this.arm = arm;
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFaultStopsWritesKeepsReadsAndAReopenRecovers(Fault fault) {
        for (FsyncPolicy policy : new FsyncPolicy[] {FsyncPolicy.ALWAYS, FsyncPolicy.BATCH}) {
            Path dir = tmp.resolve(fault + "-" + policy);
            FaultyChannels disk = new FaultyChannels();
            State acknowledged;
            Store store = Store.open(dir, StoreOptions.defaults().withFsync(policy).withChannels(disk));
            try {
                long project = Fixtures.seed(store);
                Fixtures.addKeys(store, project, 3);
                acknowledged = store.state();
                fault.arm.accept(disk);
                assertThrows(StoreUnavailableException.class, () -> Fixtures.addKey(store, project));
                disk.failForce = false;
                disk.failWriteHalfway = false;
                disk.diskFull = false;
                // Healthy again, but the store cannot know what the failure lost: it stays refused.
                StoreUnavailableException later = assertThrows(StoreUnavailableException.class,
                        () -> Fixtures.addKey(store, project));
                assertTrue(later.getMessage().contains("restart"), later.getMessage());
                assertFalse(store.isOpen());
                Fixtures.assertSameState(acknowledged, store.state());
                assertThrows(StoreUnavailableException.class, store::compact);
            } finally {
                store.close();
            }
            try (Store reopened = Store.open(dir, Fixtures.FAST)) {
                State s = reopened.state();
                // Every acknowledged write is there; the failed one may or may not be.
                assertTrue(s.keyCount() == 3 || s.keyCount() == 4, "keys: " + s.keyCount());
                assertTrue(s.asChanges().containsAll(acknowledged.asChanges()));
                Fixtures.addKey(reopened, Fixtures.projectOf(s));
            }
        }
    }

    /** The disk fills and empties again: writes stop with an honest refusal, then resume by themselves. */
    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void aFullDiskStopsWritesUntilSpaceReturnsThenTheyResume(FsyncPolicy policy) throws Exception {
        Path dir = tmp.resolve("full-" + policy.wire());
        FaultyChannels disk = new FaultyChannels();
        List<WriteStatus> events = new CopyOnWriteArrayList<>();
        State acknowledged;
        try (Store store = Store.open(dir, StoreOptions.defaults().withFsync(policy).withChannels(disk))) {
            store.onWriteStatus(events::add);
            long project = Fixtures.seed(store);
            Fixtures.addKey(store, project);
            acknowledged = store.state();

            disk.noSpace = true;
            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                    () -> Fixtures.addKey(store, project));
            assertTrue(refused.retryAfterSeconds().isPresent(), "a full disk is worth retrying");
            assertTrue(refused.getMessage().contains("disk is full"), refused.getMessage());
            assertEquals(Condition.RECOVERING, store.writeStatus().condition());
            assertFalse(store.isOpen());
            assertEquals(1, events.size(), "the first failure is announced once: " + events);
            assertEquals(Condition.RECOVERING, events.get(0).condition());
            assertTrue(events.get(0).cause().getMessage().contains("No space left on device"));
            Fixtures.assertSameState(acknowledged, store.state());

            disk.noSpace = false;
            long id = addKeyOnceWritable(store, project);
            assertTrue(store.isOpen());
            assertEquals(Condition.WRITABLE, events.get(events.size() - 1).condition(), "the resume is announced");
            assertTrue(store.state().keys(project).stream().anyMatch(k -> k.id() == id));
            assertEquals(2, store.state().keyCount(), "the refused write is gone, the acknowledged one is there");
        }
        try (Store reopened = Store.open(dir, Fixtures.FAST)) {
            assertEquals(2, reopened.state().keyCount());
            assertTrue(reopened.state().asChanges().containsAll(acknowledged.asChanges()));
            assertTrue(reopened.repairedTail().isEmpty(), "the log was cut back cleanly, no torn tail left");
        }
    }

    /** EIO: the page cache cannot be trusted any more, so no retry; the store says a restart is needed. */
    @ParameterizedTest
    @EnumSource(value = FsyncPolicy.class, names = {"ALWAYS", "BATCH"})
    void aDeviceErrorNeedsARestart(FsyncPolicy policy) {
        FaultyChannels disk = new FaultyChannels();
        List<WriteStatus> events = new CopyOnWriteArrayList<>();
        try (Store store = Store.open(tmp.resolve("eio-" + policy.wire()),
                StoreOptions.defaults().withFsync(policy).withChannels(disk))) {
            store.onWriteStatus(events::add);
            long project = Fixtures.seed(store);
            disk.ioError = true;
            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                    () -> Fixtures.addKey(store, project));
            disk.ioError = false;
            assertTrue(refused.retryAfterSeconds().isEmpty(), "no retry can help");
            assertTrue(refused.getMessage().contains("restart"), refused.getMessage());
            assertEquals(Condition.NEEDS_RESTART, store.writeStatus().condition());
            assertEquals(List.of(Condition.NEEDS_RESTART), events.stream().map(WriteStatus::condition).toList());
            assertTrue(events.get(0).cause().getMessage().contains("Input/output error"));
            assertThrows(StoreUnavailableException.class, () -> Fixtures.addKey(store, project));
        }
    }

    /** Retries a write until the store takes writes again (bounded: the store retries within seconds). */
    private static long addKeyOnceWritable(Store store, long project) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return Fixtures.addKey(store, project);
            } catch (StoreUnavailableException e) {
                if (attempt > 600) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
