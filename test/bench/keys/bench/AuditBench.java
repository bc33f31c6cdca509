package keys.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

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
import keys.store.Tx;

/**
 * The audit log at a million entries of one organization (key creations, the common entry, with
 * their full stored data): heap per entry, open time from a snapshot, a first page and a deep
 * page; and key creations per second with and without an entry each.
 */
final class AuditBench {
    private static final int ENTRIES = 1_000_000;
    private static final int PER_WRITE = 1_000;
    private static final int THREADS = 64;
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
            page(json, table, "event filter matching none (a full scan)", s, orgId, Long.MAX_VALUE,
                    AuditEvent.PROJECTKEY_EDIT.id());
            store.close();
        } finally {
            Util.deleteTree(dir);
        }
        durableCreates(json, table);
    }

    /**
     * The cost of an entry on a durable create. There is no switch to create a key without its
     * entry over HTTP (nor should there be), so the comparison is made in the store, the only
     * place the entry adds work (the handler only fills in a record): 64 virtual threads, as in the
     * server, {@code --fsync batch} on a real directory, each write a key alone or the key and its
     * entry, alternating over rounds. Over HTTP, {@link CreateBench}'s durable creates (which write
     * their entries) are reported beside it, with the entry's cost as a share of their CPU.
     */
    private static void durableCreates(PrintStream json, List<String[]> table) throws Exception {
        int rounds = 5;
        double[] without = new double[rounds];
        double[] with = new double[rounds];
        double[] cpu0 = new double[rounds];
        double[] cpu1 = new double[rounds];
        creates(false, 1); // warm the JIT for both
        creates(true, 1);
        for (int round = 0; round < rounds; round++) {
            double[] w = creates(false, 2);
            double[] a = creates(true, 2);
            without[round] = w[0];
            with[round] = a[0];
            cpu0[round] = w[1];
            cpu1[round] = a[1];
            Bench.emit(json, "audit.durable_creates_per_second", without[round], "ops/s", "auditing", false, "round", round);
            Bench.emit(json, "audit.durable_creates_per_second", with[round], "ops/s", "auditing", true, "round", round);
        }
        // CPU per create moves far less than creates/s when other processes share the machine.
        table.add(new String[] {"durable key create, process CPU per create (store, batch)",
                String.format("%.1f -> %.1f us", Util.median(cpu0), Util.median(cpu1)),
                String.format("with entry / without %.3f", Util.median(cpu1) / Util.median(cpu0))});
        Bench.emit(json, "audit.durable_creates.cpu_per_create", Util.median(cpu1), "us", "without", Util.median(cpu0));
        double w0 = Util.median(without);
        double w1 = Util.median(with);
        // The entry's own work per write, apart from any fsync or contention: one thread, fsync
        // never, alternating; what it adds per create, in microseconds.
        double[] cpuWithout = new double[5];
        double[] cpuWith = new double[5];
        for (int round = 0; round < 5; round++) {
            cpuWithout[round] = singleThreadMicros(false);
            cpuWith[round] = singleThreadMicros(true);
        }
        double added = Util.median(cpuWith) - Util.median(cpuWithout);
        Bench.emit(json, "audit.entry_cost_per_write", added, "us", "without", Util.median(cpuWithout), "with",
                Util.median(cpuWith));
        table.add(new String[] {"an entry's own cost per write (1 thread, fsync never)",
                String.format("%.1f us", added), String.format("%.1f -> %.1f us per create", Util.median(cpuWithout),
                Util.median(cpuWith))});
        Bench.emit(json, "audit.durable_creates.ratio", w1 / w0, "with/without", "threads", THREADS);
        table.add(new String[] {"durable key creates/s (store, batch, " + THREADS + " threads), without entry",
                String.format("%.0f", w0), Arrays.toString(Arrays.stream(without).mapToLong(Math::round).toArray())});
        table.add(new String[] {"durable key creates/s (store, batch, " + THREADS + " threads), with entry",
                String.format("%.0f", w1), Arrays.toString(Arrays.stream(with).mapToLong(Math::round).toArray())});
        table.add(new String[] {"with entry / without", String.format("%.3f", w1 / w0), "aim >= 0.9"});
        Path keys = Path.of(System.getProperty("keys.image", "build/image"), "bin", "keys");
        if (Files.isExecutable(keys)) {
            // Over HTTP every create writes its entry, so its cost there is put as a share of the
            // server's CPU per durable create (CPU-bound at 64 connections): at least the entry's own
            // work (one thread), at most what it adds in the store at 64 threads (contention included).
            double[] http = CreateBench.measure(keys, "batch");
            double contended = Util.median(cpu1) - Util.median(cpu0);
            Bench.emit(json, "audit.http_durable_creates_per_second", http[0], "creates/s", "fsync", "batch");
            Bench.emit(json, "audit.http_cpu_per_create", http[5], "us", "fsync", "batch");
            Bench.emit(json, "audit.entry_share_of_http_create", added / http[5], "fraction", "upper",
                    contended / http[5]);
            table.add(new String[] {"durable key creates/s over HTTP (batch, 64 connections, with entry)",
                    String.format("%.0f", http[0]), String.format("p50 %.2f ms, server CPU %.1f us per create",
                    http[2], http[5])});
            table.add(new String[] {"an entry's share of an HTTP create's CPU", String.format("%.1f%% - %.1f%%",
                    100 * added / http[5], 100 * contended / http[5]),
                    "its own work .. what it adds at 64 store threads; aim <= 10% slower"});
        }
    }

    /** Microseconds per key create, one thread, fsync never: the store's CPU work per write. */
    private static double singleThreadMicros(boolean audited) throws Exception {
        Path dir = Files.createTempDirectory("keys-audit-cpu");
        try (Store store = Store.open(dir, FAST)) {
            long[] ids = orgAndProject(store);
            int n = 20_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                PreparedCreate c = new PreparedCreate(i, audited);
                store.write(tx -> c.write(tx, ids));
            }
            return (System.nanoTime() - t0) / 1e3 / n;
        } finally {
            Util.deleteTree(dir);
        }
    }

    /** Runs only the entry's cost on durable creates: {@code java ... keys.bench.AuditBench}. */
    public static void main(String[] args) throws Exception {
        List<String[]> table = new java.util.ArrayList<>();
        durableCreates(System.out, table);
        for (String[] row : table) {
            System.out.println(String.join("  ", row));
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
        return new AuditEntry(id, org, AuditEvent.PROJECTKEY_ADD.id(), 7, "127.0.0.1", target, 0, entryData(target), micros);
    }

    /** As the handler's JSON writer makes it: concatenation, not a format string (several times slower). */
    private static String entryData(long k) {
        return "{\"label\":\"Key " + k + "\",\"public_key\":\"" + hex32(k) + "\",\"secret_key\":\"" + hex32(~k)
                + "\",\"roles\":1,\"status\":0,\"rate_limit_count\":null,\"rate_limit_window\":null}";
    }

    private static String hex32(long k) {
        return "0000000000000000" + java.util.HexFormat.of().toHexDigits(k);
    }

    /**
     * A key create as the HTTP handler makes it: the key's values and the entry's JSON are made
     * before the write (out of the store's write lock); inside it only ids, the clock and the changes.
     * The entry's time is read inside, as the handler reads its clock: times taken outside arrive
     * out of order from 64 writers and send every append down the backdated-entry path.
     */
    private record PreparedCreate(long k, String publicKey, String secretKey, String data) {
        PreparedCreate(long k, boolean audited) {
            this(k, hex32(k), hex32(~k), audited ? entryData(k) : null);
        }

        Object write(Tx tx, long[] ids) {
            long id = tx.nextId();
            tx.add(new Change.PutKey(new ClientKey(id, ids[1], "Key", publicKey, secretKey, true, 1, 0, 0, null,
                    LoaderOption.DEFAULTS, UseCase.USER)));
            if (data != null) {
                tx.add(new Change.PutAudit(new AuditEntry(tx.nextAuditId(), ids[0], AuditEvent.PROJECTKEY_ADD.id(), 7,
                        "127.0.0.1", id, 0, data, 1_700_000_000_000_000L + id))); // timed inside, in order
            }
            return null;
        }
    }

    private static void page(PrintStream json, List<String[]> table, String label, State s, long orgId, long bound) {
        page(json, table, label, s, orgId, bound, 0);
    }

    private static void page(PrintStream json, List<String[]> table, String label, State s, long orgId, long bound,
                             int event) {
        AuditQuery q = new AuditQuery(event, 0, Long.MIN_VALUE, Long.MAX_VALUE, bound, false, 0, 101);
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

    /** An organization and a project in it, for key creates: {org id, project id}. */
    private static long[] orgAndProject(Store store) {
        return store.write(tx -> {
            long org = tx.nextId();
            long project = tx.nextId();
            tx.add(new Change.PutOrganization(new Organization(org, "c", "C", 1, true, null)));
            tx.add(new Change.PutProject(new Project(project, org, "p", "P", null, 1, List.of())));
            return new long[] {org, project};
        });
    }

    /**
     * Key creations for {@code seconds}, one durable write each from {@value #THREADS} virtual
     * threads, as the server runs its handlers: {creates/s, microseconds of this process's CPU per
     * create}.
     */
    private static double[] creates(boolean audited, double seconds) throws Exception {
        Path dir = Files.createTempDirectory("keys-audit-create");
        try (Store store = Store.open(dir, StoreOptions.defaults().withFsync(FsyncPolicy.BATCH))) {
            long[] ids = orgAndProject(store);
            AtomicLong done = new AtomicLong();
            AtomicLong next = new AtomicLong();
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            long end = t0 + (long) (seconds * 1e9);
            Thread[] threads = new Thread[THREADS];
            for (int t = 0; t < THREADS; t++) {
                threads[t] = Thread.ofVirtual().start(() -> {
                    while (System.nanoTime() < end) {
                        long k = next.getAndIncrement();
                        PreparedCreate c = new PreparedCreate(k, audited);
                        store.write(tx -> c.write(tx, ids));
                        done.incrementAndGet();
                    }
                });
            }
            for (Thread t : threads) {
                t.join();
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            return new double[] {done.get() / elapsed, (os.getProcessCpuTime() - cpu0) / 1e3 / done.get()};
        } finally {
            Util.deleteTree(dir);
        }
    }
}
