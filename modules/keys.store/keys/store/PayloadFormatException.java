package keys.store;

/**
 * A record payload that does not decode: truncated, over-long, an unknown tag or version, bad
 * UTF-8. The frame's CRC was fine, so this means a bug or a file from a newer release, never a
 * torn write; callers turn it into {@link StoreCorruptException} with the file and offset.
 */
final class PayloadFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    PayloadFormatException(String message) {
        super(message);
    }
}
