package keys.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;

/** The operating system's reason, put back where the JDK's message leaves it out. */
class CausesTest {
    @Test
    void aFileExceptionSaysWhy() {
        assertEquals("/data/lock: Permission denied", Causes.describe(new AccessDeniedException("/data/lock")));
        assertEquals("/in.jsonl: No such file or directory", Causes.describe(new NoSuchFileException("/in.jsonl")));
        assertEquals("/data: Read-only file system",
                Causes.describe(new FileSystemException("/data", null, "Read-only file system")));
    }

    @Test
    void aWrapperKeepsItsWordsAndGainsTheReason() {
        assertEquals("cannot open the data directory /d: /d: Permission denied", Causes.describe(
                new UncheckedIOException("cannot open the data directory /d: /d", new AccessDeniedException("/d"))));
        assertEquals("/d: Permission denied",
                Causes.describe(new UncheckedIOException(new AccessDeniedException("/d"))), "no class name");
        assertEquals("export failed: No space left on device", Causes.describe(new UncheckedIOException(
                "export failed: No space left on device", new IOException("No space left on device"))), "said once");
    }

    @Test
    void networkFailuresSayWhatFailed() {
        assertEquals("unknown host nosuchhost.invalid", Causes.describe(new UnknownHostException("nosuchhost.invalid")));
        assertEquals("Connection refused", Causes.describe(new ConnectException("Connection refused")));
        assertEquals("unresolved address", Causes.describe(new UnresolvedAddressException()));
        assertEquals("ConnectException", Causes.describe(new ConnectException()), "never null");
    }
}
