package keys.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code keys check}: the recovery scan, read-only, then every rule the API keeps for the records
 * ({@link InvariantCheck}). It takes no lock (a running server may hold it, and opening the lock
 * file here would even drop that server's lock if it ran in this process) and writes nothing: a
 * torn tail is reported, not cut.
 */
final class StoreCheck {
    /** Rule violations listed; the count of the rest is still given. */
    static final int MAX_REPORTED = 50;

    private StoreCheck() {
    }

    static CheckReport run(Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add(dir + " is not a directory");
            return new CheckReport(dir, null, 0, 0, 0, null, null, List.of(), Map.of(), problems);
        }
        Recovery.Result r;
        try {
            r = Recovery.scan(dir);
        } catch (StoreCorruptException e) {
            return corrupt(dir, e, problems);
        } catch (NoSuchFileException e) {
            problems.add("a file vanished while being read (" + e.getFile() + "): is a server compacting? run check again");
            return new CheckReport(dir, null, 0, 0, 0, null, null, List.of(), Map.of(), problems);
        }
        try {
            return check(dir, r, problems);
        } catch (StoreCorruptException e) {
            return corrupt(dir, e, problems); // an audit row, read as the entries are checked
        } finally {
            r.rows().close();
        }
    }

    private static CheckReport corrupt(Path dir, StoreCorruptException e, List<String> problems) {
        CheckReport.Damage d = new CheckReport.Damage(e.file(), e.offset(), e.reason());
        problems.add("corrupt: " + d + " (the store will not open until this is repaired)");
        return new CheckReport(dir, null, 0, 0, 0, null, d, List.of(), Map.of(), problems);
    }

    private static CheckReport check(Path dir, Recovery.Result r, List<String> problems) {
        CheckReport.Damage torn = null;
        if (r.torn() != null) {
            torn = new CheckReport.Damage(r.torn().file(), r.torn().offset(), r.torn().reason());
            problems.add("torn tail: " + torn + " (the next open cuts it; the write there was never acknowledged)");
        }
        List<Change> puts = r.state().asChangesWithoutAudit();
        List<String> refs = new ArrayList<>();
        invariants(r.state(), puts, refs, problems);
        return new CheckReport(dir, r.snapshot() == null ? null : r.snapshot().file(), r.snapshotSeq(), r.replayed(),
                r.lastSeq(), torn, null, refs, counts(puts), problems);
    }

    /**
     * Every rule the API keeps, broken by a record of the directory: dangling references into
     * {@code refs} and, like every other finding, into {@code problems}, by object. At most
     * {@link #MAX_REPORTED} are listed, then a count of the rest. Audit entries are streamed from
     * their rows.
     */
    private static void invariants(State state, List<Change> puts, List<String> refs, List<String> problems) {
        InvariantCheck rules = new InvariantCheck();
        List<InvariantCheck.Violation> found = new ArrayList<>();
        for (Change c : puts) {
            found.addAll(rules.add(c, 0));
        }
        // Each row is read, so its CRC is checked too.
        AuditOrder.forEach(state, e -> found.addAll(rules.add(new Change.PutAudit(e), 0)));
        found.addAll(rules.finish());
        for (InvariantCheck.Violation v : found.subList(0, Math.min(found.size(), MAX_REPORTED))) {
            if (v.reference()) {
                refs.add(v.toString());
            }
            problems.add((v.reference() ? "reference: " : "invalid: ") + v);
        }
        if (found.size() > MAX_REPORTED) {
            problems.add("… and " + (found.size() - MAX_REPORTED) + " more");
        }
    }

    private static Map<String, Long> counts(List<Change> puts) {
        long[] n = new long[7];
        for (Change c : puts) {
            switch (c) {
                case Change.PutOrganization o -> n[0]++;
                case Change.PutUser u -> n[1]++;
                case Change.PutTeam t -> n[2]++;
                case Change.PutProject p -> n[3]++;
                case Change.PutMember m -> n[4]++;
                case Change.PutToken t -> n[5]++;
                case Change.PutKey k -> n[6]++;
                default -> { }
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        String[] names = {"organizations", "users", "teams", "projects", "members", "tokens", "keys"};
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], n[i]);
        }
        return out;
    }
}
