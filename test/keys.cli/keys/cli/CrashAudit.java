package keys.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The audit log after a kill: a key's entry is written in the same log record as the key, so the
 * keys that exist are exactly those there at the start or with a creation entry, less those with
 * a removal entry, plus at most one key (its Default key, which Sentry does not audit) in each
 * project created since the start. A change without its entry, or an entry without its change,
 * breaks it.
 */
final class CrashAudit {
    private static final String ADDED = "added project key ";
    private static final String REMOVED = "removed project key ";

    private CrashAudit() {
    }

    static List<String> violations(String label, List<CrashLedger.SeenProject> initialProjects,
                                   List<CrashLedger.SeenKey> initial, List<CrashLedger.SeenKey> now, List<String> notes) {
        Set<String> expected = new HashSet<>();
        initial.forEach(k -> expected.add(k.id()));
        Set<String> removed = new HashSet<>();
        for (String note : notes) {
            if (note.startsWith(ADDED)) {
                expected.add(note.substring(ADDED.length()));
            } else if (note.startsWith(REMOVED)) {
                removed.add(note.substring(REMOVED.length()));
            }
        }
        expected.removeAll(removed);
        Set<String> present = new HashSet<>();
        now.forEach(k -> present.add(k.id()));
        List<String> out = new ArrayList<>();
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(present);
        Set<String> unexplained = new TreeSet<>(present);
        unexplained.removeAll(expected);
        Set<Long> oldProjects = new HashSet<>();
        initialProjects.forEach(p -> oldProjects.add(p.id()));
        Set<Long> defaultKeyTaken = new HashSet<>();
        for (CrashLedger.SeenKey k : now) {
            if (unexplained.contains(k.id()) && !removed.contains(k.id()) && !oldProjects.contains(k.projectId())
                    && defaultKeyTaken.add(k.projectId())) {
                unexplained.remove(k.id());
            }
        }
        if (!missing.isEmpty()) {
            out.add(label + ": audited as created and not removed, but absent: " + missing);
        }
        if (!unexplained.isEmpty()) {
            out.add(label + ": present without a creation entry, or despite a removal entry: " + unexplained);
        }
        return out;
    }
}
