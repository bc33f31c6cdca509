package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash damage at the end of the log opens to exactly the committed prefix; the same damage with
 * records after it refuses to open. Each case works on a fresh copy of one written directory.
 */
class TornTailTest {
    private static final int WRITES = 8;

    @TempDir
    Path tmp;

    private Path original;
    /** states.get(n): the state after the first n records. */
    private final List<State> states = new ArrayList<>();
    private long[] offsets;
    private int cases;

    @BeforeEach
    void writeLog() throws IOException {
        original = tmp.resolve("original");
        try (Store store = Store.open(original, Fixtures.FAST)) {
            states.add(store.state());
            long project = Fixtures.seed(store);
            states.add(store.state());
            for (int i = 1; i < WRITES; i++) {
                Fixtures.addKey(store, project);
                states.add(store.state());
            }
        }
        offsets = Fixtures.frameOffsets(Fixtures.onlyLog(original), 1);
        assertEquals(WRITES + 1, offsets.length);
    }

    private Path freshCopy() {
        return Fixtures.copy(original, tmp.resolve("case-" + cases++));
    }

    /** Records wholly before {@code offset}. */
    private int recordsBefore(long offset) {
        int n = 0;
        while (n < WRITES && offsets[n + 1] <= offset) {
            n++;
        }
        return n;
    }

    /** Opens, checks the state is the first {@code records} writes, writes one more and checks it survives a reopen. */
    private void opensToPrefix(Path dir, int records, boolean expectRepair) {
        State after;
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            Fixtures.assertSameState(states.get(records), store.state());
            assertEquals(expectRepair, store.repairedTail().isPresent(), "repair reported");
            if (records == 0) {
                Fixtures.seed(store);
            } else {
                Fixtures.addKey(store, Fixtures.projectOf(store.state()));
            }
            after = store.state();
        }
        try (Store again = Store.open(dir, Fixtures.FAST)) {
            Fixtures.assertSameState(after, again.state());
            assertFalse(again.repairedTail().isPresent());
        }
    }

    @Test
    void everyTruncationInsideTheLastThreeRecordsOpensToTheCommittedPrefix() throws IOException {
        for (long cut = offsets[WRITES - 3]; cut < offsets[WRITES]; cut++) {
            Path dir = freshCopy();
            Fixtures.truncate(Fixtures.onlyLog(dir), cut);
            int records = recordsBefore(cut);
            opensToPrefix(dir, records, cut != offsets[records]);
        }
    }

    @Test
    void theCutBytesAreKeptAside() throws IOException {
        Path dir = freshCopy();
        Path log = Fixtures.onlyLog(dir);
        long cut = offsets[WRITES - 1] + 3;
        Fixtures.truncate(log, cut);
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            TailRepair r = store.repairedTail().orElseThrow();
            assertEquals(offsets[WRITES - 1], r.offset());
            assertEquals(3, r.bytesCut());
            assertEquals(log.resolveSibling(log.getFileName() + ".torn-" + offsets[WRITES - 1]), r.savedTo());
            assertTrue(Files.exists(r.savedTo()));
        }
    }

    @Test
    void everyFlippedByteOfTheLastRecordOpensToThePrefix() throws IOException {
        for (long p = offsets[WRITES - 1]; p < offsets[WRITES]; p++) {
            Path dir = freshCopy();
            Path log = Fixtures.onlyLog(dir);
            Fixtures.overwrite(log, p, new byte[] {(byte) (Fixtures.readByte(log, p) ^ 0x10)});
            opensToPrefix(dir, WRITES - 1, true);
        }
    }

    @Test
    void aZeroedRegionAtTheEndOpensToThePrefix() throws IOException {
        Path dir = freshCopy();
        Path log = Fixtures.onlyLog(dir);
        long size = Files.size(log);
        long from = Math.max(offsets[1], size - 512);
        Fixtures.overwrite(log, from, new byte[(int) (size - from)]);
        opensToPrefix(dir, recordsBefore(from), true);
    }

    @Test
    void zerosAppendedPastTheLastRecordAreCut() throws IOException {
        Path dir = freshCopy();
        Path log = Fixtures.onlyLog(dir);
        Fixtures.overwrite(log, Files.size(log), new byte[512]); // a file extended but never written
        opensToPrefix(dir, WRITES, true);
    }

    @Test
    void damageInTheMiddleRefusesToOpenAndChangesNothing() throws IOException {
        for (int record = 1; record < WRITES - 1; record++) {
            Path dir = freshCopy();
            Path log = Fixtures.onlyLog(dir);
            long at = offsets[record] + 18;
            Fixtures.overwrite(log, at, new byte[] {(byte) (Fixtures.readByte(log, at) ^ 0x01)});
            byte[] before = Files.readAllBytes(log);
            StoreCorruptException e = assertThrows(StoreCorruptException.class, () -> Store.open(dir, Fixtures.FAST));
            assertEquals(offsets[record], e.offset());
            assertTrue(e.getMessage().contains(log.getFileName().toString())
                    && e.getMessage().contains("offset " + offsets[record]), e.getMessage());
            assertTrue(Arrays.equals(before, Files.readAllBytes(log)), "the log was modified");
        }
    }

    @Test
    void aZeroedRegionInTheMiddleRefusesToOpen() throws IOException {
        Path dir = freshCopy();
        Path log = Fixtures.onlyLog(dir);
        long from = offsets[1] + 4;
        long to = Math.min(from + 512, offsets[WRITES - 2]);
        Fixtures.overwrite(log, from, new byte[(int) (to - from)]);
        StoreCorruptException e = assertThrows(StoreCorruptException.class, () -> Store.open(dir, Fixtures.FAST));
        assertEquals(offsets[1], e.offset());
    }
}
