package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import keys.domain.AuditEntry;
import keys.domain.AuditEvent;
import keys.domain.Sources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --audit-retention-days}: a compaction drops the entries older than the retention by the
 * store's clock (test mode's clock here), the cut is a logged change so a restart agrees, and row
 * files nothing points into any more are deleted while an older state still reads them.
 */
class AuditRetentionTest {
    private static final long DAY = 86_400_000_000L;
    private static final long START = 1_700_000_000_000_000L;
    private static final AuditQuery ALL = Fixtures.ALL_AUDIT;

    @TempDir
    Path tmp;

    /** One entry per write, at the clock's time, with data that fills a small row file in a few rows. */
    private static void entry(Store store, long org, Sources.Test clock) {
        store.write(tx -> {
            tx.add(new Change.PutAudit(new AuditEntry(tx.nextAuditId(), org, AuditEvent.ORG_EDIT.id(), 0, null, org, 0,
                    "{\"slug\":\"" + "s".repeat(600) + "\"}", clock.nowMicros())));
            return null;
        });
    }

    private static List<Long> days(State s, long org) {
        return s.auditEntries(org, ALL).stream().map(e -> (e.createdMicros() - START) / DAY).toList();
    }

    @Test
    void aCompactionDropsEntriesOlderThanTheRetentionAndTheirRowFiles() throws IOException {
        Sources.Test clock = Sources.test(1L, START);
        StoreOptions options = Fixtures.FAST.withSources(clock).withAuditRetentionDays(30).withAuditFileBytes(1024);
        Path dir = tmp.resolve("d");
        long org;
        State before;
        try (Store store = Store.open(dir, options)) {
            org = Fixtures.organization(store, START);
            for (int day = 0; day < 40; day += 5) {
                clock.setNowMicros(START + day * DAY);
                entry(store, org, clock);
                entry(store, org, clock);
            }
            assertTrue(DataDir.auditFiles(dir).size() > 3, "rows spread over several files");
            before = store.state();
            store.compact(); // on day 35: days 0 and before day 5 are past 30 days
            assertEquals(List.of(35L, 35L, 30L, 30L, 25L, 25L, 20L, 20L, 15L, 15L, 10L, 10L, 5L, 5L),
                    days(store.state(), org));
            assertEquals(16, before.auditCount(org));
            assertEquals(16, before.auditEntries(org, ALL).size(), "a state from before reads its rows still");
            assertFalse(DataDir.auditFiles(dir).getFirst().file().endsWith(DataDir.auditName(1)),
                    "the first row file held only dropped rows");
            clock.setNowMicros(START + 50 * DAY);
            entry(store, org, clock);
        }
        try (Store store = Store.open(dir, options)) { // the cut replays from the log
            assertEquals(List.of(50L, 35L, 35L, 30L, 30L, 25L, 25L, 20L, 20L, 15L, 15L, 10L, 10L, 5L, 5L),
                    days(store.state(), org));
            store.compact(); // day 50: only days 20 and later stay
            assertEquals(List.of(50L, 35L, 35L, 30L, 30L, 25L, 25L, 20L, 20L), days(store.state(), org));
        }
        try (Store store = Store.open(dir, options)) {
            assertEquals(List.of(50L, 35L, 35L, 30L, 30L, 25L, 25L, 20L, 20L), days(store.state(), org));
        }
    }

    @Test
    void byDefaultEntriesAreKeptForever() {
        Sources.Test clock = Sources.test(1L, START);
        try (Store store = Store.open(tmp.resolve("forever"), Fixtures.FAST.withSources(clock))) {
            long org = Fixtures.organization(store, START);
            entry(store, org, clock);
            clock.setNowMicros(START + 10_000 * DAY);
            entry(store, org, clock);
            store.compact();
            assertEquals(List.of(10_000L, 0L), days(store.state(), org));
        }
        assertThrows(IllegalArgumentException.class, () -> StoreOptions.defaults().withAuditRetentionDays(-1));
    }
}
