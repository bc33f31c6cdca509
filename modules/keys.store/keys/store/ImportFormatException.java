package keys.store;

/** A line of an import file that is not what {@code keys export} writes. */
public final class ImportFormatException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final long line;

    public ImportFormatException(long line, String message) {
        super((line > 0 ? "line " + line + ": " : "") + message);
        this.line = line;
    }

    /** 1-based line number, or 0 when the problem is the file as a whole. */
    public long line() {
        return line;
    }
}
