package keys.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link Store#check} found in a data directory. {@code problems} lists every finding in
 * words (torn tail, corruption, dangling references, records the API would never write, a missing
 * directory); the directory is fine exactly when it is empty. A torn tail counts: opening would
 * cut it, losing an unacknowledged write.
 *
 * @param snapshot     the snapshot file recovery starts from, or null
 * @param records      log records replayed after the snapshot
 * @param tornTail     the damage a server would cut on open, or null
 * @param corruption   damage that stops the directory from opening at all, or null
 * @param counts       live records by type (organizations, users, teams, projects, members, tokens, keys)
 */
public record CheckReport(Path directory, Path snapshot, long snapshotSeq, long records, long lastSeq,
                          Damage tornTail, Damage corruption, List<String> referenceProblems,
                          Map<String, Long> counts, List<String> problems) {

    /** A damaged place in a file. */
    public record Damage(Path file, long offset, String reason) {
        @Override
        public String toString() {
            return file + " at byte offset " + offset + ": " + reason;
        }
    }

    public CheckReport {
        referenceProblems = List.copyOf(referenceProblems);
        counts = Map.copyOf(counts);
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    @Override
    public String toString() {
        return describe().stripTrailing();
    }

    /** A few lines for a person: what was read, then each problem. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("data directory ").append(directory).append('\n');
        sb.append("  snapshot: ").append(snapshot == null ? "none" : snapshot.getFileName() + " (seq " + snapshotSeq + ")")
                .append('\n');
        sb.append("  log records after it: ").append(records).append(", last seq ").append(lastSeq).append('\n');
        for (String type : List.of("organizations", "users", "teams", "projects", "members", "tokens", "keys")) {
            if (counts.containsKey(type)) {
                sb.append("  ").append(type).append(": ").append(counts.get(type)).append('\n');
            }
        }
        sb.append(ok() ? "OK\n" : "DAMAGED\n");
        for (String p : problems) {
            sb.append("  - ").append(p).append('\n');
        }
        return sb.toString();
    }
}
