package keys.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import keys.domain.AuditEntry;
import keys.domain.AuditEvent;
import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Team;
import keys.domain.UseCase;
import keys.store.AuditQuery;
import keys.store.Change;
import keys.store.FsyncPolicy;
import keys.store.State;
import keys.store.Store;
import keys.store.StoreOptions;

/**
 * The audit log at a million entries of one organization (key creations, the common entry, with
 * their full stored data): heap per entry, open time from a snapshot, a first page and a deep
 * page; and key creations per second with and without an entry each.
 */
final class AuditBench {
    private static final int ENTRIES = 1_000_000;
    private static final int PER_WRITE = 1_000;
    /** No background compaction: one would hold an old state while the heap is measured. */
    private static final StoreOptions FAST = StoreOptions.defaults().withFsync(FsyncPolicy.NEVER)
            .withCompactThresholdBytes(0);

    private AuditBench() {
    }

    static void run(PrintStream json, List<String[]> table) throws Exception {
        Path dir = Files.createTempDirectory("keys-audit");
        try {
            long orgId = build(dir); // in its own frame: a dead local there would keep the old state alive
            long before = HeapBench.usedAfterGc();
            long t0 = System.nanoTime();
            Store store = Store.open(dir, FAST);
            double openMs = (System.nanoTime() - t0) / 1e6;
            double perEntry = (HeapBench.usedAfterGc() - before) / (double) ENTRIES;
            Bench.emit(json, "audit.open", openMs, "ms", "entries", ENTRIES);
            Bench.emit(json, "audit.heap.per_entry", perEntry, "bytes", "entries", ENTRIES);
            table.add(new String[] {"store open, " + ENTRIES + " audit entries", String.format("%.0f ms", openMs), ""});
            table.add(new String[] {"heap per audit entry", String.format("%.0f B", perEntry), "aim <= 64 B"});
            State s = store.state();
            long middle = s.auditEntries(orgId, new AuditQuery(0, 0, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
                    false, ENTRIES / 2, 1)).getFirst().createdMicros();
            page(json, table, "first page", s, orgId, Long.MAX_VALUE);
            page(json, table, "deep cursor", s, orgId, middle);
            store.close();
        } finally {
            Util.deleteTree(dir);
        }
        for (int round = 0; round < 2; round++) { // the first round warms the JIT for both
            double without = creates(false);
            double with = creates(true);
            if (round == 1) {
                Bench.emit(json, "audit.creates_per_second", without, "ops/s", "auditing", false);
                Bench.emit(json, "audit.creates_per_second", with, "ops/s", "auditing", true);
                table.add(new String[] {"key creates/s (store), without audit", String.format("%.0f", without), ""});
                table.add(new String[] {"key creates/s (store), with audit", String.format("%.0f", with), ""});
            }
        }
    }

    /** A directory holding the million entries in a snapshot; returns the organization's id. */
    private static long build(Path dir) {
        try (Store store = Store.open(dir, FAST)) {
            long orgId = fill(store);
            store.compact();
            return orgId;
        }
    }

    /** One org with a project; ENTRIES key-creation entries, a millisecond apart. */
    private static long fill(Store store) {
        long[] ids = store.write(tx -> {
            long org = tx.nextId();
            long team = tx.nextId();
            long project = tx.nextId();
            tx.add(new Change.PutOrganization(new Organization(org, "audit-bench", "Audit Bench", 1, true, null)));
            tx.add(new Change.PutTeam(new Team(team, org, "t", "T", 1)));
            tx.add(new Change.PutProject(new Project(project, org, "p", "P", null, 1, List.of(team))));
            return new long[] {org, project};
        });
        long base = 1_700_000_000_000_000L;
        for (int w = 0; w < ENTRIES / PER_WRITE; w++) {
            int first = w * PER_WRITE;
            store.write(tx -> {
                for (int i = first; i < first + PER_WRITE; i++) {
                    tx.add(new Change.PutAudit(entry(tx.nextAuditId(), ids[0], i, base + i * 1000L)));
                }
                return null;
            });
        }
        return ids[0];
    }

    private static AuditEntry entry(long id, long org, long target, long micros) {
        String data = String.format("{\"label\":\"Key %d\",\"public_key\":\"%032x\",\"secret_key\":\"%032x\",\"roles\":1,"
                + "\"status\":0,\"rate_limit_count\":null,\"rate_limit_window\":null}", target, target, ~target);
        return new AuditEntry(id, org, AuditEvent.PROJECTKEY_ADD.id(), 7, "127.0.0.1", target, 0, data, micros);
    }

    private static void page(PrintStream json, List<String[]> table, String label, State s, long orgId, long bound) {
        AuditQuery q = new AuditQuery(0, 0, Long.MIN_VALUE, Long.MAX_VALUE, bound, false, 0, 101);
        long[] nanos = new long[4000];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            s.auditEntries(orgId, q);
            nanos[i] = System.nanoTime() - t0;
        }
        long[] steady = Arrays.copyOfRange(nanos, 2000, 4000);
        Arrays.sort(steady);
        double p50 = Util.percentile(steady, 50) / 1000.0;
        double p99 = Util.percentile(steady, 99) / 1000.0;
        Bench.emit(json, "audit.list.p50", p50, "us", "page", label, "entries", ENTRIES, "per_page", 100);
        Bench.emit(json, "audit.list.p99", p99, "us", "page", label, "entries", ENTRIES, "per_page", 100);
        table.add(new String[] {"audit page of 100, " + label + ", 1M entries", String.format("p50 %.0f us", p50),
                String.format("p99 %.0f us", p99)});
    }

    /** Key creations, one write each, as the API makes them (fsync never: the store's own cost). */
    private static double creates(boolean audited) throws Exception {
        Path dir = Files.createTempDirectory("keys-audit-create");
        try (Store store = Store.open(dir, FAST)) {
            long[] ids = store.write(tx -> {
                long org = tx.nextId();
                long project = tx.nextId();
                tx.add(new Change.PutOrganization(new Organization(org, "c", "C", 1, true, null)));
                tx.add(new Change.PutProject(new Project(project, org, "p", "P", null, 1, List.of())));
                return new long[] {org, project};
            });
            int n = 50_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long k = i;
                store.write(tx -> {
                    long id = tx.nextId();
                    tx.add(new Change.PutKey(new ClientKey(id, ids[1], "Key", String.format("%032x", k),
                            String.format("%032x", ~k), true, 1, 0, 0, null, LoaderOption.DEFAULTS, UseCase.USER)));
                    if (audited) {
                        tx.add(new Change.PutAudit(entry(tx.nextAuditId(), ids[0], id, 1_700_000_000_000_000L + k)));
                    }
                    return null;
                });
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        } finally {
            Util.deleteTree(dir);
        }
    }
}
