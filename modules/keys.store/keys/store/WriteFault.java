package keys.store;

import java.util.Locale;

/**
 * Why a write or fsync failed, as far as the store acts on it. Java reports the errno only as the
 * text of an {@link java.io.IOException} ("No space left on device"), so the message decides.
 * Running out of room is worth waiting out: nothing after the last fsync was acknowledged, so the
 * store can cut the log back to it and go on once space returns. Anything else (EIO above all)
 * means the page cache can no longer be trusted, and a retried fsync would prove nothing.
 */
enum WriteFault {
    NO_SPACE("no space left on device", "the disk is full"),
    QUOTA("disk quota exceeded", "the disk quota is exceeded"),
    FILE_TOO_LARGE("file too large", "the log file reached the file system's size limit"),
    OTHER(null, "a write or fsync to the disk failed");

    private final String message;
    private final String reason;

    WriteFault(String message, String reason) {
        this.message = message;
        this.reason = reason;
    }

    /** The fault named anywhere in {@code failure}'s chain of causes; {@link #OTHER} if none is. */
    static WriteFault of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            for (WriteFault f : values()) {
                if (f.message != null && text.contains(f.message)) {
                    return f;
                }
            }
        }
        return OTHER;
    }

    /** True when waiting for space and cutting the log back to its last fsync lets writes resume. */
    boolean recoverable() {
        return this != OTHER;
    }

    /** What happened, for a person: "the disk is full". */
    String reason() {
        return reason;
    }
}
