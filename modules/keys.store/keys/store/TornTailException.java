package keys.store;

import java.nio.file.Path;

/**
 * A log ends in damage with nothing valid after it: the signature of a write cut short by a
 * crash. The bytes before {@link #offset()} are good; the rest is cut on open.
 */
final class TornTailException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;
    private final String reason;

    TornTailException(Path file, long offset, String reason) {
        super(file + ": torn tail at byte offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
        this.reason = reason;
    }

    Path file() {
        return file;
    }

    long offset() {
        return offset;
    }

    String reason() {
        return reason;
    }
}
