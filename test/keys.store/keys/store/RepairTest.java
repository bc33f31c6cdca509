package keys.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keys.domain.ClientKey;

/**
 * interface.md §7, repair: a table of damage. The dry run changes no byte of any file; {@code --yes}
 * leaves a directory that checks, opens, and holds a prefix of the writes as they were written.
 */
class RepairTest {
    private static final int KEYS = 200;

    @TempDir
    Path tmp;

    /** A directory of one seed write then {@link #KEYS} single-key writes; returns the key ids in order. */
    private static List<Long> fill(Path dir) {
        List<Long> ids = new ArrayList<>();
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            long project = Fixtures.seed(store);
            for (int i = 0; i < KEYS; i++) {
                ids.add(Fixtures.addKey(store, project));
            }
        }
        return ids;
    }

    interface Damage {
        void apply(Path log, long[] frames) throws IOException;
    }

    private record Case(String name, Damage damage, int expectKept) { }

    @Test
    void damageInTheLogIsCutAtTheFirstBadRecord() throws IOException {
        // frames[i] is where record seq i+1 starts: frames[0] is the seed, frames[1] the first key.
        List<Case> table = List.of(
                new Case("bit flip mid-log", (log, f) -> flip(log, f[KEYS / 2] + 20), KEYS / 2 - 1),
                new Case("zeroed page inside the last group", (log, f) -> {
                    long page = (f[KEYS] - 4097) / 4096 * 4096; // a whole page, with the last record after it
                    assertTrue(page > f[0], "the log is too short for a page");
                    Fixtures.overwrite(log, page, new byte[4096]);
                }, -1),
                new Case("damage in the first record", (log, f) -> flip(log, f[0] + 18), -2));
        for (Case c : table) {
            Path dir = tmp.resolve(c.name().replace(' ', '-'));
            List<Long> written = fill(dir);
            Path log = Fixtures.onlyLog(dir);
            long[] frames = Fixtures.frameOffsets(log, 1);
            c.damage().apply(log, frames);
            assertNotNull(Store.check(dir).corruption(), c.name() + ": the damage is not a torn tail");
            Map<String, byte[]> before = bytes(dir);

            RepairPlan plan = Repair.plan(dir);
            assertTrue(plan.damaged() && plan.repairable(), c.name() + ": " + plan);
            assertEquals(log, plan.cut.file(), c.name());
            assertTrue(plan.describe(false).contains(log.toString() + " at byte offset " + plan.cut.offset()), plan.toString());
            assertBytesEqual(before, bytes(dir), c.name() + ": the dry run changed a file");

            long cut = plan.cut.offset();
            RepairPlan done = Repair.apply(dir);
            assertEquals(cut, done.cut.offset(), c.name());
            assertTrue(Store.check(dir).ok(), c.name() + ": " + Store.check(dir));
            byte[] original = before.get(log.getFileName().toString());
            assertArrayEquals(java.util.Arrays.copyOfRange(original, (int) cut, original.length),
                    Files.readAllBytes(log.resolveSibling(log.getFileName() + ".cut-" + cut)), c.name() + ": cut bytes kept");
            int kept = assertPrefix(dir, written, c.name());
            switch (c.expectKept()) {
                case -1 -> assertTrue(kept > 0 && kept < KEYS, c.name() + ": kept " + kept);
                case -2 -> assertEquals(0, kept, c.name());
                default -> assertEquals(c.expectKept(), kept, c.name());
            }
            assertFalse(Repair.plan(dir).damaged(), c.name() + ": repaired twice");
        }
    }

    @Test
    void theDryRunNamesWhatItWouldDrop() throws IOException {
        Path dir = tmp.resolve("named");
        List<Long> written = fill(dir);
        Path log = Fixtures.onlyLog(dir);
        long[] frames = Fixtures.frameOffsets(log, 1);
        flip(log, frames[KEYS - 2] + 20); // the third-last key's record
        String text = Repair.plan(dir).describe(false);
        assertTrue(text.contains("drops 3 records (seq " + (KEYS - 1) + ".." + (KEYS + 1) + "): 2 readable, listed below, and 1 damaged"), text);
        assertTrue(text.contains("put key: " + written.get(KEYS - 2) + ", " + written.get(KEYS - 1) + "\n"), text);
        assertTrue(text.contains("run keys repair --yes"), text);
    }

    @Test
    void anUndamagedDirectoryNeedsNothing() throws IOException {
        Path dir = tmp.resolve("fine");
        fill(dir);
        RepairPlan plan = Repair.plan(dir);
        assertFalse(plan.damaged());
        assertTrue(plan.repairable());
        assertTrue(plan.describe(false).contains("no damage"), plan.toString());
        Map<String, byte[]> before = bytes(dir);
        Repair.apply(dir);
        assertBytesEqual(before, bytes(dir), "an undamaged directory is left alone");
    }

    @Test
    void aTornTailIsCutToo() throws IOException {
        Path dir = tmp.resolve("torn");
        List<Long> written = fill(dir);
        Path log = Fixtures.onlyLog(dir);
        Files.write(log, new byte[] {0, 0, 0, 40, 1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        assertFalse(Store.check(dir).ok());
        assertTrue(Repair.plan(dir).damaged());
        Repair.apply(dir);
        assertTrue(Store.check(dir).ok(), Store.check(dir).toString());
        assertEquals(KEYS, assertPrefix(dir, written, "torn"));
    }

    @Test
    void aTruncatedSnapshotWithNoOlderGenerationCannotBeRepaired() throws IOException {
        Path dir = tmp.resolve("snap");
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            long project = Fixtures.seed(store);
            Fixtures.addKeys(store, project, 50);
            store.compact();
            Fixtures.addKey(store, project);
        }
        Path snapshot = DataDir.snapshots(dir).getFirst().file();
        Fixtures.truncate(snapshot, Files.size(snapshot) / 2);
        Map<String, byte[]> before = bytes(dir);
        for (RepairPlan plan : List.of(Repair.plan(dir), Repair.apply(dir))) {
            assertTrue(plan.damaged());
            assertFalse(plan.repairable());
            assertTrue(plan.describe(false).startsWith("data directory " + dir + "\ncannot repair: "), plan.toString());
            assertTrue(plan.describe(false).contains(snapshot.getFileName().toString()), plan.toString());
            assertBytesEqual(before, bytes(dir), "nothing changed");
        }
    }

    @Test
    void aDamagedSnapshotFallsBackToThePreviousOneAndTheLog() throws IOException {
        Path dir = tmp.resolve("fallback");
        State before;
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            long project = Fixtures.seed(store);
            Fixtures.addKeys(store, project, 20);
            store.compact();
            Fixtures.addKeys(store, project, 20);
        }
        // A crash right after the second snapshot got its name leaves the older generation in place.
        Store store = Store.open(dir, Fixtures.FAST.withCompactionHook(step -> {
            if (step == CompactionHook.Step.SNAPSHOT_RENAMED) {
                throw new CompactionCrashTest.SimulatedCrash("renamed");
            }
        }));
        Fixtures.addKey(store, Fixtures.projectOf(store.state()));
        before = store.state();
        assertThrows(CompactionCrashTest.SimulatedCrash.class, store::compact);
        store.abandon();
        assertEquals(2, DataDir.snapshots(dir).size());
        Path newest = DataDir.snapshots(dir).getLast().file();
        Fixtures.overwrite(newest, Files.size(newest) / 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertNotNull(Store.check(dir).corruption());

        RepairPlan plan = Repair.plan(dir);
        assertTrue(plan.damaged() && plan.repairable(), plan.toString());
        assertEquals(List.of(newest), plan.damagedSnapshots);
        assertTrue(plan.describe(false).contains("drops no record"), plan.toString());
        Repair.apply(dir);
        assertTrue(Store.check(dir).ok(), Store.check(dir).toString());
        assertTrue(Files.exists(newest.resolveSibling(newest.getFileName() + ".cut-0")));
        try (Store reopened = Store.open(dir, Fixtures.FAST)) {
            Fixtures.assertSameState(before, reopened.state());
        }
    }

    /** interface.md §7, versions: a log of a newer format is not damage, and cutting it would destroy it. */
    @Test
    void aLogWrittenByANewerReleaseIsNeverCut() throws IOException {
        Path dir = tmp.resolve("newer");
        fill(dir);
        Fixtures.overwrite(Fixtures.onlyLog(dir), 7, new byte[] {(byte) (LogFormat.VERSION + 1)});
        Map<String, byte[]> before = bytes(dir);
        RepairPlan plan = Repair.apply(dir);
        assertFalse(plan.repairable(), plan.toString());
        assertTrue(plan.describe(true).contains("newer release"), plan.toString());
        assertBytesEqual(before, bytes(dir), "nothing changed");
    }

    @Test
    void repairRefusesWhileAStoreHoldsTheDirectory() throws IOException {
        Path dir = tmp.resolve("held");
        fill(dir);
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            assertThrows(StoreLockedException.class, () -> Repair.plan(dir));
            assertThrows(StoreLockedException.class, () -> Repair.apply(dir));
            assertTrue(store.isOpen());
        }
    }

    /**
     * The repaired directory opens and its keys are the first k written, each exactly as written:
     * no object invented or altered. Returns k.
     */
    static int assertPrefix(Path dir, List<Long> written, String label) {
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            List<ClientKey> keys = new ArrayList<>();
            for (Change c : store.state().asChanges()) {
                if (c instanceof Change.PutKey(ClientKey k)) {
                    keys.add(k);
                }
            }
            for (int i = 0; i < keys.size(); i++) {
                ClientKey k = keys.get(i);
                assertEquals(written.get(i), k.id(), label + ": key " + i);
                assertEquals(Fixtures.key(k.id(), k.projectId()), k, label + ": key " + k.id() + " altered");
            }
            if (!keys.isEmpty()) {
                assertEquals(Fixtures.projectOf(store.state()), keys.getFirst().projectId(), label);
            }
            return keys.size();
        }
    }

    static void flip(Path file, long offset) throws IOException {
        Fixtures.overwrite(file, offset, new byte[] {(byte) (Fixtures.readByte(file, offset) ^ 0x10)});
    }

    static Map<String, byte[]> bytes(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    static void assertBytesEqual(Map<String, byte[]> expected, Map<String, byte[]> actual, String message) {
        assertEquals(expected.keySet(), actual.keySet(), message);
        expected.forEach((name, b) -> assertArrayEquals(b, actual.get(name), message + ": " + name));
    }
}
