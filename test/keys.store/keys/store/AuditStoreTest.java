package keys.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import keys.domain.AuditEntry;
import keys.domain.AuditEvent;
import keys.domain.Organization;
import keys.domain.Team;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audit entries: written with their change, kept across restart, compaction and export, gone with their org. */
class AuditStoreTest {
    private static final AuditQuery ALL = Fixtures.ALL_AUDIT;

    @TempDir
    Path tmp;

    private static AuditEntry entry(Tx tx, long org, AuditEvent event, long actor, long micros) {
        return new AuditEntry(tx.nextAuditId(), org, event.id(), actor, "127.0.0.1", org, 0,
                "{\"slug\":\"s\",\"secret_key\":\"x\u00e9\"}", micros);
    }

    /** Two orgs; org a gets {@code n} entries, its team an id from the shared counter. Returns a's id. */
    private static long populate(Store store, int n) {
        return store.write(tx -> {
            long a = tx.nextId();
            long b = tx.nextId();
            tx.add(new Change.PutOrganization(new Organization(a, "a", "A", 1, false, null)));
            tx.add(new Change.PutOrganization(new Organization(b, "b", "B", 1, false, null)));
            for (int i = 0; i < n; i++) {
                tx.add(new Change.PutAudit(entry(tx, a, AuditEvent.ORG_EDIT, 7, 1000 + i % 3)));
            }
            tx.add(new Change.PutAudit(entry(tx, b, AuditEvent.ORG_ADD, 7, 5)));
            tx.add(new Change.PutTeam(new Team(tx.nextId(), a, "t", "T", 1)));
            return a;
        });
    }

    @Test
    void auditIdsHaveTheirOwnCounterAndOtherIdsDoNotMove() {
        try (Store store = Store.inMemory(Fixtures.FAST)) {
            long a = populate(store, 3);
            assertEquals(1, a);
            assertEquals(3, store.state().lastId(), "org a, org b, the team: audit ids take none");
            assertEquals(4, store.state().lastAuditId());
        }
    }

    @Test
    void entriesComeNewestFirstWithIdAsTieBreakerAndOnlyTheirOrgs() {
        try (Store store = Store.inMemory(Fixtures.FAST)) {
            long a = populate(store, 6);
            List<AuditEntry> rows = store.state().auditEntries(a, ALL);
            List<Long> ids = rows.stream().map(AuditEntry::id).toList();
            assertEquals(List.of(6L, 3L, 5L, 2L, 4L, 1L), ids); // micros 1002,1002,1001,1001,1000,1000
            assertTrue(rows.stream().allMatch(r -> r.orgId() == a));
            List<AuditEntry> asc = store.state().auditEntries(a, new AuditQuery(0, 0, Long.MIN_VALUE,
                    Long.MAX_VALUE, 1001, true, 1, 2));
            assertEquals(List.of(5L, 3L), asc.stream().map(AuditEntry::id).toList());
            List<AuditEntry> ranged = store.state().auditEntries(a, new AuditQuery(AuditEvent.ORG_EDIT.id(), 7, 1001,
                    1001, Long.MAX_VALUE, false, 0, 10));
            assertEquals(List.of(5L, 2L), ranged.stream().map(AuditEntry::id).toList());
            assertEquals(List.of(), store.state().auditEntries(a, new AuditQuery(AuditEvent.ORG_ADD.id(), 0,
                    Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, false, 0, 10)));
        }
    }

    /** Writes of random size at random times, backdated ones too: the log stays in (time, id) order. */
    @Test
    void entriesStayInTimeOrderWhateverOrderTheyArriveIn() {
        keys.testing.Gen<List<List<Integer>>> writes = src -> {
            List<List<Integer>> out = new ArrayList<>();
            for (int w = src.drawInt(1, 12); w > 0; w--) {
                List<Integer> times = new ArrayList<>();
                for (int n = src.drawInt(1, 300); n > 0; n--) {
                    times.add(src.drawInt(0, src.drawBoolean() ? 5 : 2000));
                }
                out.add(times);
            }
            return out;
        };
        keys.testing.Prop.forAll(40, writes, plan -> {
            try (Store store = Store.inMemory(Fixtures.FAST)) {
                long a = populate(store, 0);
                List<AuditEntry> model = new ArrayList<>(store.state().auditEntries(a, ALL));
                for (List<Integer> times : plan) {
                    model.addAll(store.write(tx -> {
                        List<AuditEntry> batch = new ArrayList<>();
                        for (int t : times) {
                            AuditEntry e = entry(tx, a, AuditEvent.TEAM_ADD, 1, t);
                            tx.add(new Change.PutAudit(e));
                            batch.add(e);
                        }
                        return batch;
                    }));
                }
                model.sort(java.util.Comparator.comparingLong(AuditEntry::createdMicros)
                        .thenComparingLong(AuditEntry::id).reversed());
                assertEquals(model, store.state().auditEntries(a, ALL));
            }
        });
    }

    @Test
    void entriesSurviveRestartCompactionAndTheExportRoundTrip() {
        Path dir = tmp.resolve("d");
        List<AuditEntry> before;
        byte[] first;
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            long a = populate(store, 600); // more than two chunks
            before = store.state().auditEntries(a, ALL);
            first = Fixtures.exportBytes(store.state());
        }
        try (Store store = Store.open(dir, Fixtures.FAST)) { // replayed from the log
            assertEquals(before, store.state().auditEntries(1, ALL));
            store.compact();
        }
        try (Store store = Store.open(dir, Fixtures.FAST)) { // read from the snapshot
            assertEquals(before, store.state().auditEntries(1, ALL));
            assertArrayEquals(first, Fixtures.exportBytes(store.state()));
        }
        String text = new String(first, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\"type\":\"meta\",\"format\":2,\"lastId\":3,\"lastAuditId\":601}\n"), text);
        assertTrue(text.contains("{\"type\":\"audit\",\"id\":1,\"orgId\":1,\"event\":11,\"actorId\":7,"
                + "\"ipAddress\":\"127.0.0.1\",\"targetObject\":1,\"targetUserId\":0,"
                + "\"data\":{\"slug\":\"s\",\"secret_key\":\"x\u00e9\"},\"createdMicros\":1000}\n"), text);
        Path copy = tmp.resolve("copy");
        Store.importInto(copy, new ByteArrayInputStream(first), Fixtures.FAST);
        try (Store store = Store.open(copy, Fixtures.FAST)) {
            assertArrayEquals(first, Fixtures.exportBytes(store.state()));
            assertEquals(before, store.state().auditEntries(1, ALL));
        }
    }

    @Test
    void entriesGoWithTheirOrganizationAndTheirIdsAreNeverReused() {
        Path dir = tmp.resolve("d");
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            long a = populate(store, 3);
            store.write(tx -> {
                tx.add(new Change.DeleteOrganization(2)); // org b, which holds the highest audit id
                return null;
            });
            assertEquals(3, store.state().auditCount(a));
            assertEquals(0, store.state().auditCount(2));
            store.compact();
        }
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            assertEquals(4, store.state().lastAuditId());
            store.write(tx -> {
                tx.add(new Change.DeleteOrganization(1));
                return null;
            });
            assertEquals(0, store.state().auditCount(1));
            byte[] exported = Fixtures.exportBytes(store.state());
            assertTrue(new String(exported, StandardCharsets.UTF_8).contains("\"lastAuditId\":4}"));
            long next = store.write(tx -> tx.nextAuditId());
            assertEquals(5, next);
        }
    }

    @Test
    void anImportChecksAuditLinesForShapeButNotForWhatTheyName() {
        String meta = "{\"type\":\"meta\",\"format\":2,\"lastId\":1,\"lastAuditId\":9}\n";
        String org = "{\"type\":\"organization\",\"id\":1,\"slug\":\"a\",\"name\":\"A\",\"createdMicros\":1,"
                + "\"openMembership\":false,\"relayDsnEndpoint\":null}\n";
        String audit = "{\"type\":\"audit\",\"id\":9,\"orgId\":1,\"event\":52,\"actorId\":404,\"ipAddress\":null,"
                + "\"targetObject\":12345,\"targetUserId\":0,\"data\":{},\"createdMicros\":3}\n";
        Path ok = tmp.resolve("ok");
        Store.importInto(ok, in(meta + org + audit), Fixtures.FAST); // actor and target long gone: fine
        List<String> bad = new ArrayList<>();
        bad.add(meta + org + audit.replace("\"event\":52", "\"event\":999"));
        bad.add(meta + org + audit.replace("\"orgId\":1", "\"orgId\":2"));
        bad.add(meta + org + audit + audit);
        bad.add(meta.replace("9}", "8}") + org + audit);
        bad.add(meta + org + audit.replace("\"data\":{}", "\"data\":[]"));
        bad.add(meta.replace(",\"lastAuditId\":9", "").replace("\"format\":2", "\"format\":1") + org + audit);
        for (int i = 0; i < bad.size(); i++) {
            String text = bad.get(i);
            Path dir = tmp.resolve("bad" + i);
            assertThrows(ImportFormatException.class, () -> Store.importInto(dir, in(text), Fixtures.FAST), text);
        }
    }

    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
