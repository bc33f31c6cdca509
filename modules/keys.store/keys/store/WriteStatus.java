package keys.store;

import java.util.OptionalLong;

/**
 * Whether the store takes writes and, if not, why and what happens next. Reads answer in every
 * condition. {@code cause} is the failure behind it (for the operator's log, never for clients).
 */
public record WriteStatus(Condition condition, String reason, Throwable cause, long retryAfterSeconds) {

    public enum Condition {
        /** Writes are taken. */
        WRITABLE,
        /** Out of disk space: writes are refused while the store retries by itself. */
        RECOVERING,
        /** A write or fsync failed in a way only a restart recovers from. */
        NEEDS_RESTART,
        /** The store was closed. */
        CLOSED
    }

    static final WriteStatus OPEN = new WriteStatus(Condition.WRITABLE, "", null, 0);
    static final WriteStatus SHUT = new WriteStatus(Condition.CLOSED, "the store is closed", null, 0);

    public boolean writable() {
        return condition == Condition.WRITABLE;
    }

    /** Seconds until the next attempt to take writes again, while one is due. */
    public OptionalLong retryAfter() {
        return condition == Condition.RECOVERING ? OptionalLong.of(retryAfterSeconds) : OptionalLong.empty();
    }

    /** One honest sentence or two for a client or an operator. */
    public String describe() {
        return switch (condition) {
            case WRITABLE -> "The store takes writes.";
            case RECOVERING -> "Writes are refused: " + reason + ". The server takes writes again by itself once"
                    + " space is freed; reads still work.";
            case NEEDS_RESTART -> "Writes are refused until the server is restarted: " + reason + ", so what"
                    + " reached the disk is unknown. A restart recovers every acknowledged write; reads still work.";
            case CLOSED -> "Writes are refused: the store is closed.";
        };
    }
}
