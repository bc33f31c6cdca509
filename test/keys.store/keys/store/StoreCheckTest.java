package keys.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import keys.domain.Team;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCheckTest {
    @TempDir
    Path tmp;

    private Path healthy(int keys) {
        Path dir = tmp.resolve("data");
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            long project = Fixtures.seed(store);
            Fixtures.addKeys(store, project, keys);
        }
        return dir;
    }

    @Test
    void aHealthyDirectoryChecksOk() {
        Path dir = healthy(4);
        CheckReport r = Store.check(dir);
        assertTrue(r.ok(), r.describe());
        assertEquals(5, r.records());
        assertEquals(4L, r.counts().get("keys"));
        assertEquals(1L, r.counts().get("organizations"));
    }

    @Test
    void aTornTailIsReportedAndLeftAlone() throws IOException {
        Path dir = healthy(4);
        Path log = Fixtures.onlyLog(dir);
        Fixtures.truncate(log, Files.size(log) - 3);
        byte[] before = Files.readAllBytes(log);
        CheckReport r = Store.check(dir);
        assertFalse(r.ok());
        assertNotNull(r.tornTail());
        assertNull(r.corruption());
        assertEquals(4, r.records());
        assertArrayEquals(before, Files.readAllBytes(log), "check must not cut");
        assertTrue(r.describe().contains("torn"), r.describe());
    }

    @Test
    void corruptionIsReportedWithFileAndOffset() throws IOException {
        Path dir = healthy(4);
        Path log = Fixtures.onlyLog(dir);
        long[] offsets = Fixtures.frameOffsets(log, 1);
        Fixtures.overwrite(log, offsets[1] + 20, new byte[] {(byte) ~Fixtures.readByte(log, offsets[1] + 20)});
        CheckReport r = Store.check(dir);
        assertFalse(r.ok());
        assertEquals(log, r.corruption().file());
        assertEquals(offsets[1], r.corruption().offset());
        assertTrue(r.describe().contains("offset " + offsets[1]), r.describe());
    }

    @Test
    void danglingReferencesAreReported() {
        Path dir = tmp.resolve("dangling");
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            store.write(tx -> {
                tx.add(new Change.PutTeam(new Team(tx.nextId(), 999, "orphan", "Orphan", 1)));
                return null;
            });
        }
        CheckReport r = Store.check(dir);
        assertFalse(r.ok());
        assertEquals(1, r.referenceProblems().size(), r.describe());
        assertTrue(r.referenceProblems().getFirst().contains("missing organization 999"), r.describe());
    }

    @Test
    void aMissingDirectoryIsAProblemAndIsNotCreated() {
        Path dir = tmp.resolve("nowhere");
        assertFalse(Store.check(dir).ok());
        assertFalse(Files.exists(dir));
    }
}
