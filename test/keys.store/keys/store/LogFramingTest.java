package keys.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Framing alone, with trivial payloads: what is a clean end, a torn tail, corruption. */
class LogFramingTest {
    @TempDir
    Path dir;

    private Path writeLog(int records) throws IOException {
        Path file = dir.resolve(DataDir.logName(1));
        try (LogChannel ch = LogChannelFactory.DEFAULT.create(file)) {
            LogEncoder enc = LogEncoder.start(ch, LogFormat.LOG_MAGIC);
            for (int i = 1; i <= records; i++) {
                enc.append(i, payload(i));
            }
        }
        return file;
    }

    private static byte[] payload(int i) {
        return ("record number " + i + " " + "x".repeat(i * 7 % 40)).getBytes(StandardCharsets.US_ASCII);
    }

    private static List<LogDecoder.Frame> readAll(Path file) throws IOException, TornTailException {
        List<LogDecoder.Frame> out = new ArrayList<>();
        try (LogDecoder d = LogDecoder.open(file, LogFormat.LOG_MAGIC, 1)) {
            for (LogDecoder.Frame f; (f = d.next()) != null; ) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void framesReadBackInOrder() throws Exception {
        List<LogDecoder.Frame> frames = readAll(writeLog(20));
        assertEquals(20, frames.size());
        for (int i = 0; i < 20; i++) {
            assertEquals(i + 1, frames.get(i).seq());
            assertArrayEquals(payload(i + 1), frames.get(i).payload());
        }
    }

    @Test
    void everyTruncationIsACleanEndOrATornTailAtTheLastWholeFrame() throws Exception {
        Path file = writeLog(6);
        byte[] whole = Files.readAllBytes(file);
        long[] ends = Fixtures.frameOffsets(file, 1);
        for (int cut = LogFormat.HEADER_BYTES; cut <= whole.length; cut++) {
            Files.write(file, Arrays.copyOf(whole, cut));
            int complete = 0;
            while (complete + 1 < ends.length && ends[complete + 1] <= cut) {
                complete++;
            }
            boolean boundary = ends[complete] == cut;
            try (LogDecoder d = LogDecoder.open(file, LogFormat.LOG_MAGIC, 1)) {
                for (int i = 0; i < complete; i++) {
                    assertEquals(i + 1, d.next().seq());
                }
                if (boundary) {
                    assertNull(d.next(), "clean end at " + cut);
                } else {
                    TornTailException t = assertThrows(TornTailException.class, d::next, "cut at " + cut);
                    assertEquals(ends[complete], t.offset());
                }
            }
        }
    }

    @Test
    void damageBeforeAValidFrameIsCorruptionNamingFileAndOffset() throws Exception {
        Path file = writeLog(6);
        long[] ends = Fixtures.frameOffsets(file, 1);
        long third = ends[2];
        Fixtures.overwrite(file, third + 20, new byte[] {(byte) (Fixtures.readByte(file, third + 20) ^ 0x40)});
        StoreCorruptException e = assertThrows(StoreCorruptException.class, () -> readAll(file));
        assertEquals(third, e.offset());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("offset " + third), e.getMessage());
    }

    @Test
    void aDamagedLengthInTheMiddleIsCorruptionToo() throws Exception {
        Path file = writeLog(6);
        long[] ends = Fixtures.frameOffsets(file, 1);
        Fixtures.overwrite(file, ends[1], new byte[] {0x7f, 0, 0, 0}); // length far past the end
        StoreCorruptException e = assertThrows(StoreCorruptException.class, () -> readAll(file));
        assertEquals(ends[1], e.offset());
    }

    @Test
    void damageInTheLastFrameIsATornTail() throws Exception {
        Path file = writeLog(6);
        long[] ends = Fixtures.frameOffsets(file, 1);
        long last = ends[5];
        for (long p = last; p < ends[6]; p++) {
            byte old = Fixtures.readByte(file, p);
            Fixtures.overwrite(file, p, new byte[] {(byte) (old ^ 0x01)});
            try {
                readAll(file);
                fail("flipped byte at " + p + " went unnoticed");
            } catch (TornTailException t) {
                assertEquals(last, t.offset());
            }
            Fixtures.overwrite(file, p, new byte[] {old});
        }
    }

    @Test
    void aValidFrameWithTheWrongSeqIsCorruption() throws Exception {
        Path file = dir.resolve(DataDir.logName(1));
        try (LogChannel ch = LogChannelFactory.DEFAULT.create(file)) {
            LogEncoder enc = LogEncoder.start(ch, LogFormat.LOG_MAGIC);
            enc.append(1, payload(1));
            enc.append(3, payload(3));
        }
        StoreCorruptException e = assertThrows(StoreCorruptException.class, () -> readAll(file));
        assertTrue(e.reason().contains("seq 3"), e.reason());
    }

    @Test
    void badMagicAndNewerVersionsAreRefusedByName() throws Exception {
        Path file = writeLog(1);
        Fixtures.overwrite(file, 7, new byte[] {9});
        StoreCorruptException newer = assertThrows(StoreCorruptException.class, () -> readAll(file));
        assertTrue(newer.reason().contains("newer release"), newer.reason());
        Fixtures.overwrite(file, 0, "KEYSNAP".getBytes(StandardCharsets.US_ASCII));
        StoreCorruptException magic = assertThrows(StoreCorruptException.class, () -> readAll(file));
        assertTrue(magic.reason().contains("magic"), magic.reason());
    }

    @Test
    void repairCopiesTheTailAsideThenTruncates() throws Exception {
        Path file = writeLog(4);
        byte[] whole = Files.readAllBytes(file);
        long[] ends = Fixtures.frameOffsets(file, 1);
        long cut = ends[3] + 5;
        Files.write(file, Arrays.copyOf(whole, (int) cut));
        TornTailException torn = assertThrows(TornTailException.class, () -> readAll(file));
        TailRepair r = LogRepair.cut(torn);
        assertEquals(ends[3], Files.size(file));
        assertEquals(5, r.bytesCut());
        assertArrayEquals(Arrays.copyOfRange(whole, (int) ends[3], (int) cut), Files.readAllBytes(r.savedTo()));
        assertEquals(3, readAll(file).size());
    }

    @Test
    void anOversizedPayloadIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path file = writeLog(1);
        long size = Files.size(file);
        try (LogChannel ch = LogChannelFactory.DEFAULT.append(file)) {
            LogEncoder enc = new LogEncoder(ch, size);
            assertThrows(IllegalArgumentException.class, () -> enc.append(2, new byte[LogFormat.MAX_PAYLOAD + 1]));
        }
        assertEquals(size, Files.size(file));
    }
}
