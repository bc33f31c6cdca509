package keys.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import keys.domain.AuditEntry;
import keys.domain.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directories written while audit entries lived whole in the log and the snapshot (payload format
 * 3, snapshot meta format 2; {@code test/keys.store/fixtures/audit-in-log}, written by the code of
 * commit c0c170b) keep opening, exporting the same bytes, taking writes and compacting.
 */
class AuditFormatCompatibilityTest {
    private static final AuditQuery ALL = Fixtures.ALL_AUDIT;

    @TempDir
    Path tmp;

    static Path fixture(String name) {
        return Fixtures.committed("audit-in-log", name);
    }

    private Path copy(String name) throws IOException {
        return Fixtures.copyDataDir(fixture(name), tmp.resolve(name));
    }

    @Test
    void directoriesInTheFormerAuditFormatOpenCompactAndReopenWithEveryEntry() throws IOException {
        byte[] exported = Files.readAllBytes(fixture("export.jsonl"));
        for (String name : new String[] {"log-only", "snapshot"}) {
            Path dir = copy(name);
            long org;
            try (Store store = Store.open(dir, Fixtures.FAST)) {
                assertArrayEquals(exported, Fixtures.exportBytes(store.state()), name);
                org = store.state().organizationBySlug("acme").orElseThrow().id();
                assertEquals(List.of(4L, 3L, 5L, 1L), ids(store.state(), org), name);
                store.write(tx -> {
                    tx.add(new Change.PutAudit(new AuditEntry(tx.nextAuditId(), org, AuditEvent.ORG_EDIT.id(), 0,
                            "10.0.0.2", org, 0, "{\"slug\":\"acme\"}", 1_700_000_000_200_000L)));
                    return null;
                });
                store.compact();
            }
            try (Store store = Store.open(dir, Fixtures.FAST)) {
                assertEquals(List.of(6L, 4L, 3L, 5L, 1L), ids(store.state(), org), name);
                AuditEntry project = store.state().auditEntries(org, ALL).get(1);
                assertEquals("{\"id\":4,\"slug\":\"web\",\"name\":\"Web \\u00e9\\\"\"}", project.data(), name);
                assertEquals("::1", project.ipAddress(), name);
                assertEquals(6, store.state().lastAuditId(), name);
            }
        }
    }

    @Test
    void anExportInTheFormerAuditFormatImportsWithEveryEntry() throws IOException {
        byte[] exported = Files.readAllBytes(fixture("export.jsonl"));
        Path dir = tmp.resolve("imported");
        Store.importInto(dir, new ByteArrayInputStream(exported), Fixtures.FAST);
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            long org = store.state().organizationBySlug("acme").orElseThrow().id();
            assertEquals(List.of(4L, 3L, 5L, 1L), ids(store.state(), org));
            AuditEntry project = store.state().auditEntries(org, ALL).getFirst();
            assertEquals("{\"id\":4,\"slug\":\"web\",\"name\":\"Web \u00e9\\\"\"}", project.data());
            byte[] again = Fixtures.exportBytes(store.state());
            Path copy = tmp.resolve("again");
            Store.importInto(copy, new ByteArrayInputStream(again), Fixtures.FAST);
            try (Store second = Store.open(copy, Fixtures.FAST)) {
                assertArrayEquals(again, Fixtures.exportBytes(second.state()));
            }
        }
    }

    private static List<Long> ids(State s, long org) {
        return s.auditEntries(org, ALL).stream().map(AuditEntry::id).toList();
    }
}
