package keys.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a fuzz run saw: counts by status and kind, and the first violations in full. */
public final class FuzzReport {
    static final int KEPT_VIOLATIONS = 40;

    public final long seed;
    public int cases;
    public int replies;
    /** Exchanges the server ended by closing the connection, where the case allowed it. */
    public int closed;
    /** Replies written by the JDK's HTTP layer itself (before our dispatcher), e.g. a 400 for a bad request line. */
    public int protocolReplies;
    public int probes;
    /** Every 5xx, allowed or not. */
    public int fiveXx;
    /** 501s the JDK's HTTP layer sent for a transfer coding it does not implement (RFC 9112 §6.1). */
    public int notImplementedTransferCodings;
    public int violationCount;
    public final Map<Integer, Integer> statuses = new TreeMap<>();
    public final Map<String, Integer> kinds = new TreeMap<>();
    public final List<String> violations = new ArrayList<>();

    FuzzReport(long seed) {
        this.seed = seed;
    }

    void violation(int index, HostileCase c, String problem) {
        violationCount++;
        if (violations.size() < KEPT_VIOLATIONS) {
            violations.add("case #" + index + ": " + problem + "\n    request: " + (c == null ? "-" : c.describe()));
        }
    }

    void status(int status) {
        replies++;
        statuses.merge(status, 1, Integer::sum);
        if (status >= 500) {
            fiveXx++;
        }
    }

    /** The 5xx count our own code is answerable for (the JDK's 501 for unknown codings excluded). */
    public int unexpectedFiveXx() {
        return fiveXx - notImplementedTransferCodings;
    }

    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append("seed ").append(seed).append(" (replay with -Dkeys.seed=").append(seed).append("): ")
                .append(cases).append(" cases, ").append(replies).append(" replies, ").append(closed)
                .append(" closed by the server, ").append(protocolReplies).append(" from the JDK's HTTP layer, ")
                .append(probes).append(" probes, ").append(fiveXx).append(" 5xx (")
                .append(notImplementedTransferCodings).append(" of them 501 for unknown transfer codings), ")
                .append(violationCount).append(" violations\n  statuses ").append(statuses)
                .append("\n  kinds ").append(kinds);
        for (String v : violations) {
            b.append("\n  ").append(v);
        }
        if (violationCount > violations.size()) {
            b.append("\n  … and ").append(violationCount - violations.size()).append(" more");
        }
        return b.toString();
    }
}
