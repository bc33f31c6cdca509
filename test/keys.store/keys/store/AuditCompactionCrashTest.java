package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import keys.domain.AuditEntry;
import keys.domain.AuditEvent;
import keys.domain.Sources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash between any two steps of a compaction (retention on, rows spread over small files)
 * reopens to the same audit entries, rows read back from disk, and a later compaction works.
 */
class AuditCompactionCrashTest {
    private static final long DAY = 86_400_000_000L;
    private static final long START = 1_700_000_000_000_000L;
    private static final AuditQuery ALL = Fixtures.ALL_AUDIT;

    @TempDir
    Path tmp;

    private static CompactionHook crashAt(CompactionHook.Step step, int nth) {
        AtomicInteger seen = new AtomicInteger();
        return s -> {
            if (s == step && seen.incrementAndGet() == nth) {
                throw new CompactionCrashTest.SimulatedCrash(step + " #" + nth);
            }
        };
    }

    private static void entries(Store store, long org, Sources.Test clock, int n) {
        for (int i = 0; i < n; i++) {
            store.write(tx -> {
                tx.add(new Change.PutAudit(new AuditEntry(tx.nextAuditId(), org, AuditEvent.ORG_EDIT.id(), 0, "::1", org,
                        0, "{\"slug\":\"" + "s".repeat(200) + "\"}", clock.nowMicros())));
                return null;
            });
            clock.advanceMicros(DAY);
        }
    }

    @Test
    void aCrashAfterAnyStepKeepsEveryEntryAndItsRow() throws IOException {
        int caseNo = 0;
        for (CompactionHook.Step step : CompactionHook.Step.values()) {
            for (int nth = 1; nth <= (step == CompactionHook.Step.OLD_FILE_DELETED ? 2 : 1); nth++) {
                Path dir = tmp.resolve("case-" + caseNo++);
                Sources.Test clock = Sources.test(1L, START);
                StoreOptions options = Fixtures.FAST.withSources(clock).withAuditRetentionDays(10).withAuditFileBytes(1024);
                long org;
                try (Store store = Store.open(dir, options)) {
                    org = Fixtures.organization(store, START);
                    entries(store, org, clock, 8);
                    store.compact();
                    entries(store, org, clock, 8);
                }
                Store store = Store.open(dir, options.withCompactionHook(crashAt(step, nth)));
                entries(store, org, clock, 3);
                assertThrows(CompactionCrashTest.SimulatedCrash.class, store::compact, step + " #" + nth);
                List<AuditEntry> before = store.state().auditEntries(org, ALL); // the retention cut was written first
                store.abandon();
                try (Store reopened = Store.open(dir, options)) {
                    assertEquals(before, reopened.state().auditEntries(org, ALL), step + " #" + nth);
                    reopened.compact();
                    entries(reopened, org, clock, 1);
                    before = reopened.state().auditEntries(org, ALL);
                }
                try (Store again = Store.open(dir, options)) {
                    assertEquals(before, again.state().auditEntries(org, ALL), step + " #" + nth);
                    assertEquals(11, before.size(), "days 9 to 19 kept: " + step + " #" + nth);
                }
            }
        }
    }
}
