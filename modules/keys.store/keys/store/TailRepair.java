package keys.store;

import java.nio.file.Path;

/**
 * A torn tail that opening cut off a log: where, why, how many bytes, and the file those bytes
 * were saved to (for a post-mortem; the store never reads it again).
 */
public record TailRepair(Path file, long offset, long bytesCut, Path savedTo, String reason) {

    @Override
    public String toString() {
        return "cut a torn tail of " + file.getFileName() + " at byte offset " + offset + " (" + reason + "); "
                + bytesCut + " bytes saved to " + savedTo.getFileName();
    }
}
