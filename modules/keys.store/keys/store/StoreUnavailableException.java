package keys.store;

/**
 * The store takes no more writes: a write or fsync failed earlier (after which nothing written
 * can be trusted to be durable, so the store stops rather than pretend), or it was closed.
 * Reads keep answering from the last durable state.
 */
public final class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
