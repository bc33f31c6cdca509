package keys.store;

import java.nio.file.Path;

/** Another store (this process or another) already has the data directory open. */
public final class StoreLockedException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final transient Path directory;

    public StoreLockedException(Path directory, String holder) {
        super("data directory " + directory + " is in use by " + holder + "; only one server may open it");
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
