package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import keys.domain.AuditEntry;
import keys.domain.AuditEvent;
import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

/**
 * A query over the index (filters, time range, bound, direction, offset, limit) selects exactly
 * what a plain filter over every entry selects, across chunk boundaries and on rows read from disk.
 */
class AuditQueryPropertyTest {
    private static final int ENTRIES = 700; // three chunks
    private static final int[] EVENTS = {AuditEvent.ORG_EDIT.id(), AuditEvent.TEAM_ADD.id(), AuditEvent.PROJECTKEY_ADD.id()};

    private static List<AuditEntry> all;
    private static State state;
    private static long org;

    private static synchronized void fill() {
        if (state != null) {
            return;
        }
        try (Store store = Store.open(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                "keys-audit-query-" + ProcessHandle.current().pid() + "-" + System.nanoTime()), Fixtures.FAST)) {
            org = Fixtures.organization(store, 1);
            java.util.Random r = new java.util.Random(7);
            for (int w = 0; w < ENTRIES / 10; w++) {
                store.write(tx -> {
                    for (int i = 0; i < 10; i++) {
                        tx.add(new Change.PutAudit(new AuditEntry(tx.nextAuditId(), org, EVENTS[r.nextInt(3)],
                                1 + r.nextInt(3), "::1", 0, 0, "{}", r.nextInt(200))));
                    }
                    return null;
                });
            }
            store.compact();
            state = store.state();
            all = new ArrayList<>(state.auditEntries(org, new AuditQuery(0, 0, Long.MIN_VALUE, Long.MAX_VALUE,
                    Long.MAX_VALUE, false, 0, Integer.MAX_VALUE)));
        }
    }

    private static List<AuditEntry> naive(AuditQuery q) {
        Comparator<AuditEntry> order = Comparator.comparingLong(AuditEntry::createdMicros).thenComparingLong(AuditEntry::id);
        Stream<AuditEntry> s = all.stream()
                .filter(e -> q.event() == 0 || e.event() == q.event())
                .filter(e -> q.actorId() == 0 || e.actorId() == q.actorId())
                .filter(e -> e.createdMicros() >= q.fromMicros() && e.createdMicros() <= q.toMicros())
                .filter(e -> q.ascending() ? e.createdMicros() >= q.bound() : e.createdMicros() <= q.bound())
                .sorted(q.ascending() ? order : order.reversed());
        return s.skip(q.offset()).limit(q.limit()).toList();
    }

    @Test
    void aQuerySelectsWhatAFilterOverEveryEntryDoes() {
        fill();
        Gen<AuditQuery> queries = Gens.ints(0, 3).flatMap(ev -> Gens.ints(0, 3).flatMap(actor ->
                Gens.ints(-10, 210).flatMap(from -> Gens.ints(-10, 210).flatMap(to ->
                        Gens.ints(-10, 210).flatMap(bound -> Gens.booleans().flatMap(asc ->
                                Gens.ints(0, 300).flatMap(offset -> Gens.ints(1, 400).map(limit ->
                                        new AuditQuery(ev == 0 ? 0 : EVENTS[ev - 1], actor, from, to, bound, asc, offset,
                                                limit)))))))));
        Prop.forAll(queries, q -> assertEquals(naive(q), state.auditEntries(org, q), q.toString()));
    }
}
