package keys.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import keys.domain.Scope;
import keys.domain.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data written by 0.1.0 keeps working: {@code test/keys.store/fixtures/0.1.0} holds a directory
 * that release wrote (a token from {@code keys token create}, then {@code serve --demo}), the same
 * after its {@code keys compact}, and its {@code keys export}. 0.1.0's tokens record no minter
 * (payload format 1, no {@code mintedBy} in the export).
 */
class ReleaseCompatibilityTest {
    @TempDir
    Path tmp;

    static Path fixture(String name) {
        return Fixtures.committed("0.1.0", name);
    }

    @Test
    void directoriesWrittenBy010OpenAndExportAs010Did() throws IOException {
        byte[] exported010 = Files.readAllBytes(fixture("export.jsonl"));
        for (String dir : new String[] {"log-only", "snapshot"}) {
            Path copy = Fixtures.copyDataDir(fixture(dir), tmp.resolve(dir));
            long tokens;
            try (Store store = Store.open(copy, Fixtures.FAST)) {
                assertArrayEquals(exported010, Fixtures.exportBytes(store.state()), dir);
                tokens = store.state().users().stream().mapToLong(u -> store.state().tokens(u.id()).size()).sum();
                assertEquals(3, tokens, dir);
                long user = store.state().users().getFirst().id();
                long parent = store.state().tokens(user).getFirst().id();
                store.write(tx -> {
                    tx.add(new Change.PutToken(new Token(tx.nextId(), user, "child", "cd".repeat(32),
                            EnumSet.of(Scope.ORG_READ), 1, 0, "cdcd", parent)));
                    return null;
                });
            }
            try (Store store = Store.open(copy, Fixtures.FAST)) { // the old records and a new one, replayed
                long user = store.state().users().getFirst().id();
                Token child = store.state().tokens(user).getLast();
                assertEquals("child", child.name(), dir);
                assertEquals(store.state().tokens(user).getFirst().id(), child.mintedBy(), dir);
            }
        }
    }

    @Test
    void directoriesWrittenBy010TakeAuditEntriesThatSurviveCompaction() throws IOException {
        for (String dir : new String[] {"log-only", "snapshot"}) {
            Path copy = Fixtures.copyDataDir(fixture(dir), tmp.resolve("audit-" + dir));
            long org;
            long lastId;
            try (Store store = Store.open(copy, Fixtures.FAST)) {
                assertEquals(0, store.state().lastAuditId(), dir);
                org = store.state().organizations().getFirst().id();
                lastId = store.state().lastId();
                store.write(tx -> {
                    tx.add(new Change.PutAudit(new keys.domain.AuditEntry(tx.nextAuditId(), org,
                            keys.domain.AuditEvent.ORG_EDIT.id(), 0, null, org, 0, "{}", 5)));
                    return null;
                });
                store.compact();
            }
            try (Store store = Store.open(copy, Fixtures.FAST)) {
                assertEquals(1, store.state().auditCount(org), dir);
                assertEquals(1, store.state().lastAuditId(), dir);
                assertEquals(lastId, store.state().lastId(), dir);
            }
        }
    }

    @Test
    void anExportWrittenBy010ImportsAndExportsToTheSameBytes() throws IOException {
        byte[] exported010 = Files.readAllBytes(fixture("export.jsonl"));
        assertFalse(new String(exported010, StandardCharsets.UTF_8).contains("mintedBy"));
        Path dir = tmp.resolve("imported");
        Store.importInto(dir, new ByteArrayInputStream(exported010), Fixtures.FAST);
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            assertArrayEquals(exported010, Fixtures.exportBytes(store.state()));
        }
    }

    @Test
    void aMinterIsExportedOnlyWhenThereIsOneAndSurvivesTheRoundTrip() {
        Path dir = tmp.resolve("minted");
        byte[] first;
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            store.write(tx -> {
                long user = tx.nextId();
                long root = tx.nextId();
                tx.add(new Change.PutUser(new keys.domain.User(user, "a@example.com", false, 1)));
                tx.add(new Change.PutToken(new Token(root, user, "root", "ab".repeat(32), EnumSet.of(Scope.ORG_READ),
                        2, 0, "abab")));
                tx.add(new Change.PutToken(new Token(tx.nextId(), user, "child", "cd".repeat(32),
                        EnumSet.of(Scope.ORG_READ), 3, 0, "cdcd", root)));
                return null;
            });
            first = Fixtures.exportBytes(store.state());
        }
        String text = new String(first, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"lastCharacters\":\"abab\"}"), text);
        assertTrue(text.contains("\"lastCharacters\":\"cdcd\",\"mintedBy\":2}"), text);
        Path copy = tmp.resolve("copy");
        Store.importInto(copy, new ByteArrayInputStream(first), Fixtures.FAST);
        try (Store store = Store.open(copy, Fixtures.FAST)) {
            assertArrayEquals(first, Fixtures.exportBytes(store.state()));
        }
    }
}
