package keys.store;

import java.util.OptionalLong;

/**
 * The store takes no writes right now; its {@link WriteStatus} says why (closed, out of disk space
 * and recovering by itself, or failed until a restart) and the message says it to a person.
 * Reads keep answering from the last durable state.
 */
public final class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds; // -1: no retry will help

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.retryAfterSeconds = -1;
    }

    /** Writes are refused for the reason {@code status} gives; its message says so to a person. */
    public StoreUnavailableException(WriteStatus status) {
        super(status.describe(), status.cause());
        this.retryAfterSeconds = status.retryAfter().orElse(-1);
    }

    /** Seconds until the store tries to take writes again; empty when only a restart helps. */
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds < 0 ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }
}
