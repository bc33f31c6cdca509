package keys.store;

import java.nio.file.Path;

/**
 * Damage that is not a torn write: a bad record with valid records after it, a broken snapshot,
 * a gap in the sequence. Opening refuses, since cutting here would throw away acknowledged writes.
 */
public final class StoreCorruptException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;
    private final String reason;

    public StoreCorruptException(Path file, long offset, String reason) {
        super(file + ": corrupt at byte offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }
}
