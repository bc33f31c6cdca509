package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log's records are decoded in line, then ahead of being applied (see {@link ChunkDecoder});
 * what opens must not show it.
 */
class LogReplayTest {
    private static final int RECORDS = ChunkDecoder.IN_LINE + ChunkDecoder.AHEAD * 3 + 5;

    @TempDir
    Path dir;

    private State writeManyRecords() {
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            Fixtures.addKeys(store, Fixtures.seed(store), RECORDS);
            return store.state();
        }
    }

    @Test
    void moreRecordsThanAreDecodedAheadReplayToTheSameState() {
        State before = writeManyRecords();
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            Fixtures.assertSameState(before, store.state());
        }
    }

    /** Later records are read (and a torn tail found) while the bad one waits: it is still what is reported. */
    @Test
    void aRecordThatDoesNotDecodeBeforeATornTailIsCorruptionAtItsOwnOffset() throws IOException {
        assertCorruptionReportedAt(frames -> frames.get(frames.size() - ChunkDecoder.AHEAD));
    }

    /** One of the first records, decoded in line before the worker starts: reported the same way. */
    @Test
    void aRecordDecodedInLineThatDoesNotDecodeIsCorruptionAtItsOwnOffset() throws IOException {
        assertCorruptionReportedAt(frames -> frames.get(1));
    }

    private void assertCorruptionReportedAt(Function<List<LogDecoder.Frame>, LogDecoder.Frame> pick)
            throws IOException {
        writeManyRecords();
        Path log = Fixtures.onlyLog(dir);
        List<LogDecoder.Frame> frames = Fixtures.frames(log, LogFormat.LOG_MAGIC, 1);
        LogDecoder.Frame bad = pick.apply(frames);
        Files.delete(log);
        try (LogChannel ch = LogChannelFactory.DEFAULT.create(log)) {
            LogEncoder enc = LogEncoder.start(ch, LogFormat.LOG_MAGIC);
            for (LogDecoder.Frame f : frames) {
                // A valid frame (its CRC matches) around a payload of an unknown format.
                enc.append(f.seq(), f == bad ? new byte[] {99} : f.payload());
            }
            ch.force();
        }
        Files.write(log, new byte[] {0, 0, 0, 9, 1, 2}, StandardOpenOption.APPEND); // a torn frame
        StoreCorruptException e = assertThrows(StoreCorruptException.class, () -> Store.open(dir, Fixtures.FAST));
        assertEquals(bad.offset(), e.offset(), e.getMessage());
        assertTrue(e.reason().contains("record " + bad.seq()) && e.reason().contains("payload format 99"), e.reason());
    }
}
