package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import keys.domain.Organization;
import keys.domain.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots of many chunks, which are decoded ahead of being applied (see {@link ChunkDecoder}). */
class SnapshotFileTest {
    @TempDir
    Path tmp;

    /** More chunks than the decoder decodes in line and holds ahead, keys spread over projects of two organizations. */
    private static State manyKeys() {
        List<Change> changes = new ArrayList<>();
        changes.add(new Change.PutOrganization(new Organization(1, "a", "A", 1, true, null)));
        changes.add(new Change.PutOrganization(new Organization(2, "b", "B", 1, true, null)));
        for (long p = 3; p < 10; p++) {
            changes.add(new Change.PutProject(new Project(p, 1 + p % 2, "p" + p, "P", null, 2, List.of())));
        }
        int keys = 4096 * (ChunkDecoder.IN_LINE + ChunkDecoder.AHEAD + 3) + 17;
        for (long id = 100; id < 100 + keys; id++) {
            changes.add(new Change.PutKey(Fixtures.key(id, 3 + id % 7)));
        }
        return State.empty().apply(changes);
    }

    @Test
    void aSnapshotOfManyChunksReadsBackTheSameState() throws IOException {
        State state = manyKeys();
        Path file = SnapshotFile.write(tmp, 42, state, 0, LogChannelFactory.DEFAULT, CompactionHook.NONE);
        assertTrue(frames(file).size() > ChunkDecoder.IN_LINE + ChunkDecoder.AHEAD + 3,
                "the test needs more chunks than are decoded in line and ahead");
        SnapshotFile.Loaded loaded = SnapshotFile.read(file, 42, AuditRows.NONE);
        assertEquals(42, loaded.seq());
        assertEquals(state.keyCount(), loaded.state().keyCount());
        Fixtures.assertSameState(state, loaded.state());
    }

    @Test
    void aChunkThatDoesNotDecodeIsCorruptionAtItsOwnOffset() throws IOException {
        Path good = SnapshotFile.write(tmp, 42, manyKeys(), 0, LogChannelFactory.DEFAULT, CompactionHook.NONE);
        List<LogDecoder.Frame> frames = frames(good);
        int bad = frames.size() - 3; // a chunk late in the file, decoded while earlier ones are applied
        Path file = tmp.resolve("copy").resolve(good.getFileName());
        Files.createDirectories(file.getParent());
        try (LogChannel ch = LogChannelFactory.DEFAULT.create(file)) {
            LogEncoder enc = LogEncoder.start(ch, LogFormat.SNAPSHOT_MAGIC);
            for (LogDecoder.Frame f : frames) {
                // A valid frame (its CRC matches) around a change chunk of an unknown payload format.
                enc.append(f.seq(), f.seq() == frames.get(bad).seq() ? new byte[] {2, 99} : f.payload());
            }
            ch.force();
        }
        StoreCorruptException e = assertThrows(StoreCorruptException.class, () -> SnapshotFile.read(file, 42, AuditRows.NONE));
        assertEquals(frames.get(bad).offset(), e.offset(), e.getMessage());
        assertTrue(e.reason().contains("payload format 99"), e.reason());
    }

    private static List<LogDecoder.Frame> frames(Path file) throws IOException {
        return Fixtures.frames(file, LogFormat.SNAPSHOT_MAGIC, 0);
    }
}
