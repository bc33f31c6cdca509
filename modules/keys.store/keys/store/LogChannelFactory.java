package keys.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** How the store opens the files it writes and syncs its directory; replaceable for fault injection. */
public interface LogChannelFactory {

    /** Creates {@code file}, which must not exist, with mode 0600 where POSIX permissions exist. */
    LogChannel create(Path file) throws IOException;

    /** Opens an existing file for appending at its end. */
    LogChannel append(Path file) throws IOException;

    /** Makes the directory's entries (creations, renames, deletions) durable. */
    void syncDirectory(Path dir) throws IOException;

    /** Plain {@link FileChannel}s. */
    LogChannelFactory DEFAULT = new LogChannelFactory() {
        @Override
        public LogChannel create(Path file) throws IOException {
            return new FileLogChannel(FileChannel.open(file, DataDir.createOptions(), DataDir.fileAttributes()));
        }

        @Override
        public LogChannel append(Path file) throws IOException {
            return new FileLogChannel(FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
            DataDir.syncDirectory(dir);
        }
    };
}
