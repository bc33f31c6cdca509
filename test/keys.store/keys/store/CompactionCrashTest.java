package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash between any two steps of a compaction leaves a directory that opens to the same state. */
class CompactionCrashTest {
    @TempDir
    Path tmp;

    /** Thrown by the hook: an Error, so no cleanup code on the way out runs, as in a real crash. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String at) {
            super("simulated crash at " + at);
        }
    }

    /** Crashes at the n-th time (1-based) a step is reached. */
    private static CompactionHook crashAt(CompactionHook.Step step, int nth) {
        AtomicInteger seen = new AtomicInteger();
        return s -> {
            if (s == step && seen.incrementAndGet() == nth) {
                throw new SimulatedCrash(step + " #" + nth);
            }
        };
    }

    @Test
    void aCrashAfterAnyStepReopensToTheSameState() throws IOException {
        List<Object[]> points = new ArrayList<>();
        for (CompactionHook.Step step : CompactionHook.Step.values()) {
            int times = step == CompactionHook.Step.OLD_FILE_DELETED ? 2 : 1;
            for (int nth = 1; nth <= times; nth++) {
                points.add(new Object[] {step, nth});
            }
        }
        int caseNo = 0;
        for (Object[] point : points) {
            CompactionHook.Step step = (CompactionHook.Step) point[0];
            int nth = (Integer) point[1];
            Path dir = tmp.resolve("case-" + caseNo++);
            State before;
            // A first compaction leaves an old snapshot and log for the second one to delete.
            try (Store store = Store.open(dir, Fixtures.FAST)) {
                long project = Fixtures.seed(store);
                Fixtures.addKeys(store, project, 5);
                store.compact();
                Fixtures.addKeys(store, project, 5);
            }
            Store store = Store.open(dir, Fixtures.FAST.withCompactionHook(crashAt(step, nth)));
            Fixtures.addKey(store, Fixtures.projectOf(store.state()));
            before = store.state();
            assertThrows(SimulatedCrash.class, store::compact, step + " #" + nth);
            store.abandon();

            State after;
            try (Store reopened = Store.open(dir, Fixtures.FAST)) {
                Fixtures.assertSameState(before, reopened.state());
                assertTrue(DataDir.temps(dir).isEmpty(), "temp files left after reopening");
                Fixtures.addKey(reopened, Fixtures.projectOf(reopened.state()));
                reopened.compact(); // and a later compaction still works
                Fixtures.addKey(reopened, Fixtures.projectOf(reopened.state()));
                after = reopened.state();
            }
            try (Store again = Store.open(dir, Fixtures.FAST)) {
                Fixtures.assertSameState(after, again.state());
                assertEquals(1, DataDir.snapshots(dir).size(), "old snapshots are deleted");
                assertEquals(1, DataDir.logs(dir).size(), "old segments are deleted");
            }
        }
    }

    @Test
    void compactionKeepsTheStateAndDropsTheOldLog() throws IOException {
        Path dir = tmp.resolve("plain");
        State before;
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            long project = Fixtures.seed(store);
            Fixtures.addKeys(store, project, 20);
            store.compact();
            before = store.state();
            assertEquals(1, store.stats().compactions());
            assertEquals(0, store.stats().logRecords());
            assertEquals(21, store.stats().snapshotSeq());
        }
        assertEquals(List.of(dir.resolve(DataDir.snapshotName(21))),
                DataDir.snapshots(dir).stream().map(DataDir.Numbered::file).toList());
        assertEquals(List.of(dir.resolve(DataDir.logName(22))),
                DataDir.logs(dir).stream().map(DataDir.Numbered::file).toList());
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            Fixtures.assertSameState(before, store.state());
            store.compact(); // nothing new: no-op
            assertEquals(0, store.stats().compactions());
        }
    }

    @Test
    void automaticCompactionPastTheThreshold() throws Exception {
        Path dir = tmp.resolve("auto");
        State before;
        try (Store store = Store.open(dir, Fixtures.FAST.withCompactThresholdBytes(4096))) {
            long project = Fixtures.seed(store);
            Fixtures.addKeys(store, project, 200);
            Fixtures.awaitCompaction(store);
            assertTrue(store.stats().compactions() > 0, "no compaction ran");
            assertEquals(0, store.stats().compactionFailures());
            before = store.state();
        }
        assertTrue(!DataDir.snapshots(dir).isEmpty());
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            Fixtures.assertSameState(before, store.state());
        }
    }
}
