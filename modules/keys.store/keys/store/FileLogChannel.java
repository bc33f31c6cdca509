package keys.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A {@link LogChannel} on a real file. A {@link FileChannel} closes itself when a thread doing
 * I/O on it is interrupted, which would fail the whole store because one request thread was
 * interrupted; so an interrupt already pending is set aside for the call and restored after it.
 * (One that arrives during the call still closes the channel: the store then fails safe.)
 */
final class FileLogChannel implements LogChannel {
    private final FileChannel channel;

    FileLogChannel(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            return channel.write(src);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void force() throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            channel.force(false);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void truncate(long size) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            channel.truncate(size);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
