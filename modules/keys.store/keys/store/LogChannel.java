package keys.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The write side of one file the store appends to (a log segment or a snapshot being written).
 * Every byte the store makes durable passes through one of these, so a test can hand the store a
 * {@link LogChannelFactory} whose channels fail, write short or lose a force.
 */
public interface LogChannel extends Closeable {

    /** Writes some bytes of {@code src} at the end of the file; returns how many (may be fewer). */
    int write(ByteBuffer src) throws IOException;

    /** Makes everything written so far durable (data, not necessarily metadata). */
    void force() throws IOException;

    /** The file's size in bytes. */
    long size() throws IOException;

    /**
     * Cuts the file to {@code size} bytes; later writes go on from there. The store uses it to drop
     * records that were never acknowledged after a full disk. A channel that cannot leaves the
     * store refusing writes until a restart.
     */
    default void truncate(long size) throws IOException {
        throw new IOException(getClass().getName() + " cannot truncate");
    }
}
