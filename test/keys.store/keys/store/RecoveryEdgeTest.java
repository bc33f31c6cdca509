package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory states a crash or a disk can leave that the compaction tests do not reach. */
class RecoveryEdgeTest {
    @TempDir
    Path tmp;

    private State fill(Path dir, int keys, boolean compact) {
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            long project = Fixtures.seed(store);
            for (int i = 0; i < keys; i++) {
                Fixtures.addKey(store, project);
                if (compact && i == keys / 2) {
                    store.compact();
                }
            }
            return store.state();
        }
    }

    @Test
    void aCrashRightAfterStartingANewSegmentOpensToTheSameState() throws IOException {
        Path dir = tmp.resolve("rotated");
        State before = fill(dir, 5, false);
        // The segment switch got as far as the empty log-7 before the snapshot was written.
        Segment.create(dir, 7, LogChannelFactory.DEFAULT).close();
        State after;
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            Fixtures.assertSameState(before, store.state());
            Fixtures.addKey(store, Fixtures.projectOf(store.state()));
            after = store.state();
        }
        assertEquals(2, DataDir.logs(dir).size());
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            Fixtures.assertSameState(after, store.state());
        }
    }

    @Test
    void strayTempFilesAreIgnoredAndRemoved() throws IOException {
        Path dir = tmp.resolve("temps");
        State before = fill(dir, 3, true);
        Files.write(dir.resolve(DataDir.snapshotName(99) + DataDir.TEMP_SUFFIX), new byte[] {1, 2, 3});
        Files.write(dir.resolve(DataDir.logName(99) + DataDir.TEMP_SUFFIX), new byte[0]);
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            Fixtures.assertSameState(before, store.state());
        }
        assertTrue(DataDir.temps(dir).isEmpty());
    }

    @Test
    void aDamagedSnapshotRefusesToOpen() throws IOException {
        Path dir = tmp.resolve("snap");
        fill(dir, 6, true);
        Path snapshot = DataDir.snapshots(dir).getLast().file();
        long at = Files.size(snapshot) / 2;
        Fixtures.overwrite(snapshot, at, new byte[] {(byte) ~Fixtures.readByte(snapshot, at)});
        StoreCorruptException e = assertThrows(StoreCorruptException.class, () -> Store.open(dir, Fixtures.FAST));
        assertEquals(snapshot, e.file());
        assertFalse(Store.check(dir).ok());
    }

    @Test
    void reopeningSyncsTheResumedLogBeforeAnyoneReadsIt() {
        Path dir = tmp.resolve("resume");
        State before = fill(dir, 3, false);
        // Records a killed process left in the page cache are read back on open: they must be made
        // durable before the store shows them.
        FaultyChannels io = new FaultyChannels();
        try (Store store = Store.open(dir, Fixtures.FAST.withChannels(io))) {
            assertEquals(1, io.forces.get(), "one force of the resumed segment at open");
            Fixtures.assertSameState(before, store.state());
        }
        io.failForce = true;
        assertThrows(java.io.UncheckedIOException.class, () -> Store.open(dir, Fixtures.FAST.withChannels(io)),
                "a log that cannot be synced is not served");
    }

    @Test
    void aNewDataDirectoryIsCreatedPrivateAndEveryParentThatGainedAnEntryIsSynced() throws IOException {
        Path dir = tmp.resolve("a/b/data");
        FaultyChannels io = new FaultyChannels();
        try (Store store = Store.open(dir, Fixtures.FAST.withChannels(io))) {
            assertTrue(Files.isDirectory(dir));
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir)));
        }
        Path abs = dir.toAbsolutePath();
        assertEquals(java.util.List.of(abs.getParent(), abs.getParent().getParent(), tmp.toAbsolutePath()),
                io.syncedDirectories.subList(0, 3), "b, a, then the directory that already existed");
    }

    /** A damaged frame followed by megabytes of a repeated byte: every offset looks like a large frame. */
    @Test
    @org.junit.jupiter.api.Timeout(60) // a hang guard, not a speed claim: the scan was quadratic in such files
    void garbageAfterDamageIsScannedWithoutReadingEveryPlausibleFrame() throws IOException {
        Path dir = tmp.resolve("garbage");
        State before = fill(dir, 3, false);
        Path log = Fixtures.onlyLog(dir);
        byte[] junk = new byte[20 << 20];
        java.util.Arrays.fill(junk, (byte) 1); // length 16 MiB and seq 0x0101... at every offset
        Files.write(log, junk, java.nio.file.StandardOpenOption.APPEND);
        CheckReport report = Store.check(dir);
        assertTrue(report.tornTail() != null, report.describe());
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            Fixtures.assertSameState(before, store.state());
        }
    }

    @Test
    void aMissingStretchOfLogRefusesToOpen() throws IOException {
        Path dir = tmp.resolve("gap");
        fill(dir, 4, false);
        Segment.create(dir, 50, LogChannelFactory.DEFAULT).close(); // records 6..49 are nowhere
        StoreCorruptException e = assertThrows(StoreCorruptException.class, () -> Store.open(dir, Fixtures.FAST));
        assertTrue(e.reason().contains("missing"), e.reason());
    }

    @Test
    void aPendingInterruptDoesNotBreakTheStore() {
        Path dir = tmp.resolve("interrupt");
        try (Store store = Store.open(dir, StoreOptions.defaults().withFsync(FsyncPolicy.BATCH))) {
            long project = Fixtures.seed(store);
            Thread.currentThread().interrupt();
            try {
                Fixtures.addKey(store, project);
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
            } finally {
                Thread.interrupted();
            }
            Fixtures.addKey(store, project);
            assertTrue(store.isOpen());
            assertEquals(2, store.state().keyCount());
        }
    }

    @Test
    void filesNamedLikeTheStoresButNotWrittenByItAreLeftAlone() throws IOException {
        Path dir = tmp.resolve("strangers");
        State before = fill(dir, 3, true);
        // Only 20 digits between the prefix and the suffix name a file of the store, and only a number that fits a long.
        String[] strangers = {"log-7.log", "log-0000000000000000000x.log", "log-99999999999999999999.log",
            "snapshot-000000000000000000001.snap", "audit-0000000000000000001.rows", "log-00000000000000000001.log.bak"};
        for (String name : strangers) {
            Files.writeString(dir.resolve(name), "not a log");
        }
        Files.writeString(dir.resolve("half-written.snap.tmp"), "gone on open");
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            assertEquals(before.keyCount(), store.state().keyCount());
            Fixtures.addKey(store, Fixtures.seed(store)); // and it takes writes
        }
        for (String name : strangers) {
            assertEquals("not a log", Files.readString(dir.resolve(name)), name);
        }
        assertFalse(Files.exists(dir.resolve("half-written.snap.tmp")));
        try (var files = Files.list(dir)) {
            // the store's own files carry 20-digit numbers
            assertTrue(files.map(p -> p.getFileName().toString()).anyMatch(n -> n.matches("log-\\d{20}\\.log")));
        }
    }
}
