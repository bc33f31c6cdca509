package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import keys.domain.AuditEntry;
import keys.domain.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit rows on disk, the index in memory: rows are read back through restarts, compactions,
 * crashes and backups; a damaged row is a named error; the in-memory store keeps its rows.
 */
class AuditRowsTest {
    private static final AuditQuery ALL = Fixtures.ALL_AUDIT;

    @TempDir
    Path tmp;

    private static long org(Store store) {
        return Fixtures.organization(store, 1);
    }

    /** An organization with 200 entries, all in a snapshot; its id. */
    private static long compactedEntries(Store store) {
        long org = org(store);
        entries(store, org, 4, 50);
        store.compact();
        return org;
    }

    /** {@code writes} writes of {@code each} entries, times out of order within a write, data of varied size. */
    private static void entries(Store store, long org, int writes, int each) {
        entries(store, org, 0, writes, each);
    }

    private static void entries(Store store, long org, int firstWrite, int writes, int each) {
        for (int w = firstWrite; w < firstWrite + writes; w++) {
            int batch = w;
            store.write(tx -> {
                for (int i = 0; i < each; i++) {
                    long id = tx.nextAuditId();
                    tx.add(new Change.PutAudit(new AuditEntry(id, org, AuditEvent.PROJECTKEY_EDIT.id(), 7,
                            i % 2 == 0 ? "10.0.0." + i : null, 100 + batch, 0,
                            "{\"label\":\"" + "x".repeat((int) (id % 700)) + "\",\"n\":" + id + "}",
                            1_000_000L * batch + (each - i) % 3)));
                }
                return null;
            });
        }
    }

    private static boolean anyRowInMemory(State s) {
        return s.auditByOrg.values().stream().flatMap(l -> l.chunks().stream()).anyMatch(AuditLog.Chunk::inMemory);
    }

    @Test
    void rowsAreOnDiskAndReadBackAcrossRestartAndCompaction() throws IOException {
        Path dir = tmp.resolve("d");
        List<AuditEntry> before;
        byte[] exported;
        long org;
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            org = org(store);
            entries(store, org, 30, 20);
            before = store.state().auditEntries(org, ALL);
            assertEquals(600, before.size());
            assertFalse(anyRowInMemory(store.state()), "rows written by a store on disk are on disk");
            exported = Fixtures.exportBytes(store.state());
        }
        Path rows = dir.resolve(DataDir.auditName(1));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rows)));
        try (Store store = Store.open(dir, Fixtures.FAST)) { // replayed: the rows are appended again
            assertFalse(anyRowInMemory(store.state()));
            assertEquals(before, store.state().auditEntries(org, ALL));
            State old = store.state();
            store.compact();
            entries(store, org, 100, 2, 5); // newer than all before
            store.compact();
            assertEquals(before, old.auditEntries(org, ALL), "a state from before the compactions reads its rows");
        }
        long size = Files.size(rows);
        try (Store store = Store.open(dir, Fixtures.FAST)) { // from the snapshot's index: no row read to open
            assertFalse(anyRowInMemory(store.state()));
            assertEquals(before, store.state().auditEntries(org, ALL).subList(10, 610));
        }
        assertEquals(size, Files.size(rows), "opening from a snapshot rewrites no row");
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            assertEquals(610, store.state().auditCount(org));
            assertTrue(Fixtures.exportBytes(store.state()).length > exported.length);
        }
    }

    /**
     * A restart with no snapshot appends every row again, so it starts the row files anew; a first
     * file that holds only its header is kept as it is (no file deleted and created at every start),
     * and rows appended to it later read back after the next restart. A header that is not ours is
     * not kept.
     */
    @Test
    void aRestartWithoutAuditEntriesKeepsItsEmptyRowFile() throws IOException {
        Path dir = tmp.resolve("empty");
        long org;
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            org = org(store);
        }
        Path rows = dir.resolve(DataDir.auditName(1));
        Object file = Files.readAttributes(rows, BasicFileAttributes.class).fileKey();
        assertTrue(file != null, "the file system names files (an inode)");
        List<AuditEntry> written;
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            assertEquals(file, Files.readAttributes(rows, BasicFileAttributes.class).fileKey(), "kept, not made again");
            entries(store, org, 3, 4);
            written = store.state().auditEntries(org, ALL);
            assertEquals(12, written.size());
        }
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            assertEquals(written, store.state().auditEntries(org, ALL));
            assertFalse(anyRowInMemory(store.state()));
        }
        Path other = tmp.resolve("foreign");
        try (Store store = Store.open(other, Fixtures.FAST)) {
            org(store);
        }
        Path foreign = other.resolve(DataDir.auditName(1));
        Fixtures.overwrite(foreign, 0, new byte[] {'N', 'O', 'T', 'O', 'U', 'R', 'S', '!'});
        Store.open(other, Fixtures.FAST).close();
        assertEquals(java.util.Arrays.toString(LogFormat.header(AuditRowFile.MAGIC)),
                java.util.Arrays.toString(Files.readAllBytes(foreign)), "made again with our header");
    }

    @Test
    void theInMemoryStoreKeepsItsRows() {
        try (Store store = Store.inMemory(Fixtures.FAST)) {
            long org = org(store);
            entries(store, org, 3, 300);
            assertTrue(anyRowInMemory(store.state()));
            assertEquals(900, store.state().auditEntries(org, ALL).size());
        }
    }

    @Test
    void aCrashLosingUnsyncedRowsLosesNoEntry() throws IOException {
        Path dir = tmp.resolve("crash");
        Store store = Store.open(dir, Fixtures.FAST);
        long org = org(store);
        entries(store, org, 5, 20);
        store.compact();
        entries(store, org, 5, 20);
        List<AuditEntry> before = store.state().auditEntries(org, ALL);
        store.abandon(); // as kill -9: the rows after the compaction were never synced
        DataDir.Numbered snapshot = DataDir.snapshots(dir).getLast();
        long synced = AuditRowFile.offset(SnapshotFile.read(snapshot.file(), snapshot.number(), AuditRows.NONE).auditEnd());
        Path rows = dir.resolve(DataDir.auditName(1));
        long kept = (synced + Files.size(rows)) / 2;
        assertTrue(synced > 8 && kept > synced + 3);
        Fixtures.truncate(rows, kept); // what a power loss may leave of them: a part, torn
        Fixtures.overwrite(rows, kept - 3, new byte[] {1, 2, 3});
        try (Store reopened = Store.open(dir, Fixtures.FAST)) {
            assertEquals(before, reopened.state().auditEntries(org, ALL));
        }
    }

    @Test
    void aDamagedRowIsANamedErrorThatOnlyItsPageAndCheckMeet() throws IOException {
        Path dir = tmp.resolve("damaged");
        long org;
        List<AuditEntry> before;
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            org = compactedEntries(store);
            before = store.state().auditEntries(org, ALL);
        }
        Path rows = dir.resolve(DataDir.auditName(1));
        long middle = Files.size(rows) / 2;
        Fixtures.overwrite(rows, middle, new byte[] {(byte) ~Fixtures.readByte(rows, middle)});
        try (Store store = Store.open(dir, Fixtures.FAST)) { // the index opens without reading rows
            assertEquals(before.subList(0, 10), store.state().auditEntries(org,
                    new AuditQuery(0, 0, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, false, 0, 10)));
            StoreCorruptException e = assertThrows(StoreCorruptException.class,
                    () -> store.state().auditEntries(org, ALL));
            assertEquals(rows, e.file());
            assertTrue(e.offset() <= middle && e.reason().startsWith("audit row:"), e.getMessage());
        }
        CheckReport report = Store.check(dir);
        assertFalse(report.ok());
        assertTrue(report.problems().stream().anyMatch(p -> p.contains(rows.getFileName().toString())),
                report.problems().toString());
        Files.delete(rows);
        StoreCorruptException missing = assertThrows(StoreCorruptException.class, () -> Store.open(dir, Fixtures.FAST));
        assertTrue(missing.getMessage().contains("audit row file missing"), missing.getMessage());
    }

    @Test
    void repairDropsTheEntriesWhoseRowsAreDamagedAndKeepsEverythingElse() throws IOException {
        Path dir = tmp.resolve("repair");
        long org;
        List<AuditEntry> before;
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            org = compactedEntries(store);
            entries(store, org, 100, 1, 5); // in the log after the snapshot
            before = store.state().auditEntries(org, ALL);
        }
        Path rows = dir.resolve(DataDir.auditName(1));
        long middle = Files.size(rows) / 3;
        Fixtures.overwrite(rows, middle, new byte[] {(byte) ~Fixtures.readByte(rows, middle)});
        byte[] damagedFile = Files.readAllBytes(rows);
        RepairPlan plan = Repair.plan(dir);
        assertTrue(plan.damaged() && plan.repairable(), plan.toString());
        assertEquals(1, plan.damagedRows.size(), plan.toString());
        long lost = plan.damagedRows.getFirst().id();
        assertTrue(plan.toString().contains("audit entry " + lost) && plan.toString().contains("would drop 1"),
                plan.toString());
        Repair.apply(dir);
        assertTrue(Store.check(dir).ok(), Store.check(dir).toString());
        assertTrue(java.util.Arrays.equals(damagedFile, Files.readAllBytes(rows)), "no row file is cut or rewritten");
        assertTrue(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".snap.cut-0")));
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            List<AuditEntry> expected = before.stream().filter(e -> e.id() != lost).toList();
            assertEquals(expected, store.state().auditEntries(org, ALL));
            entries(store, org, 200, 1, 1);
            store.compact();
        }
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            assertEquals(before.size(), store.state().auditCount(org));
        }
        assertFalse(Repair.plan(dir).damaged());
    }
}
