package keys.http;

/**
 * How a fault breaks the connection instead of answering (test-mode.md §3.5), by WireMock's names
 * as far as the JDK server allows.
 */
public enum ConnectionFault {
    /** Closes the connection without a byte of answer. */
    EMPTY_RESPONSE,
    /**
     * Sends a 200 status line and headers with a {@code Content-Length}, then a body cut short,
     * then closes: clients see a premature end of the body (the JDK server cannot write a
     * malformed chunk itself).
     */
    MALFORMED_RESPONSE_CHUNK
}
