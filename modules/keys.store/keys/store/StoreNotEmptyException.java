package keys.store;

import java.nio.file.Path;

/** An import was pointed at a data directory that already holds data. */
public final class StoreNotEmptyException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreNotEmptyException(Path directory, String found) {
        super("data directory " + directory + " is not empty (found " + found
                + "); import only into a new or empty directory");
    }
}
