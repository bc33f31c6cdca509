package keys.store;

import java.util.Locale;
import java.util.Optional;

/** When a write's record is forced to disk before the write returns (interface §5). */
public enum FsyncPolicy {
    /** fsync each record before answering; writes are serialized behind the fsync. */
    ALWAYS,
    /** group commit: concurrent writers share one fsync, none returns before its record is synced. */
    BATCH,
    /** never fsync; the OS writes back when it likes. For tests and throwaway harnesses. */
    NEVER;

    /** The name on the command line: {@code always}, {@code batch}, {@code never}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FsyncPolicy> parse(String wire) {
        for (FsyncPolicy p : values()) {
            if (p.wire().equals(wire)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
