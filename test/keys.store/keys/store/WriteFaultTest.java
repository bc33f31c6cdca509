package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which failures the store waits out (a lack of space) and which need a restart (everything else). */
class WriteFaultTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            No space left on device                      | NO_SPACE
            /data/log-00000001.log: No space left on device | NO_SPACE
            NO SPACE LEFT ON DEVICE                      | NO_SPACE
            Disk quota exceeded                          | QUOTA
            File too large                               | FILE_TOO_LARGE
            Input/output error                           | OTHER
            Read-only file system                        | OTHER
            Bad file descriptor                          | OTHER
            the file accepts no more bytes (12 left to write) | OTHER
            injected: fsync failed                       | OTHER
            ''                                           | OTHER
            """)
    void classifiesByTheJdkMessage(String message, WriteFault expected) {
        assertEquals(expected, WriteFault.of(new IOException(message)));
        assertEquals(expected.recoverable(), expected != WriteFault.OTHER);
    }

    @ParameterizedTest
    @CsvSource({"No space left on device, NO_SPACE", "Input/output error, OTHER"})
    void looksThroughWrappersAndMissingMessages(String message, WriteFault expected) {
        assertEquals(expected, WriteFault.of(new UncheckedIOException("compaction failed", new IOException(message))));
        assertEquals(WriteFault.OTHER, WriteFault.of(new IOException((String) null)));
        assertEquals(WriteFault.OTHER, WriteFault.of(null));
    }
}
