package keys.store;

/** Something about the data directory that the caller should report rather than retry blindly. */
public abstract class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreException(String message) {
        super(message);
    }

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
