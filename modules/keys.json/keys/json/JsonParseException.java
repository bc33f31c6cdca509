package keys.json;

/**
 * Malformed JSON input. The only exception {@link Json#parse} throws for any input bytes.
 *
 * <p>{@link #offset()} is the byte offset inside the parsed document (relative to the {@code off}
 * the caller passed, and for {@link Json#parse(String)} an offset into the string's UTF-8 bytes).
 */
public final class JsonParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String reason;

    JsonParseException(String reason, int offset) {
        // No stack trace: the offset is the diagnostic, and malformed input arrives from clients, so
        // this is on a request path where filling in a stack trace is pure cost.
        super(reason + " at offset " + offset, null, false, false);
        this.offset = offset;
        this.reason = reason;
    }

    /** Byte offset in the document where the problem was found. */
    public int offset() {
        return offset;
    }

    /** Short description such as {@code "trailing comma"}, without the offset. */
    public String reason() {
        return reason;
    }
}
