package keys.http;

import java.nio.charset.StandardCharsets;

/**
 * One hostile exchange: the bytes to send, how to send them, and what the server may do about it.
 *
 * @param kind         the generator's name for the case, for statistics and failure messages
 * @param request      the bytes written (for {@link Delivery#ABORT}, only the part sent before the reset)
 * @param delivery     how the bytes travel
 * @param head         the request is a HEAD: its replies carry no body
 * @param expectStatus the status the reply must have; 0 for any status below 500
 * @param mayClose     the server may close the connection without a reply (framing it cannot
 *                     recover from, or a reset that can discard a reply in flight)
 * @param replies      replies expected (more than one for pipelined requests)
 */
public record HostileCase(String kind, byte[] request, Delivery delivery, boolean head, int expectStatus,
                          boolean mayClose, int replies) {

    public enum Delivery {
        /** Written whole on the shared keep-alive connection; the reply is read there. */
        KEEP_ALIVE,
        /** Written whole on a new connection, which is closed after the reply. */
        FRESH,
        /** Written on a new connection, then the client's side is shut (FIN) and the reply read. */
        HALF_CLOSE,
        /** Written on a new connection, which is then reset without reading anything. */
        ABORT
    }

    /** A well-framed request on the shared connection that must be answered. */
    public static HostileCase answered(String kind, RawRequest r) {
        return new HostileCase(kind, r.bytes(), Delivery.KEEP_ALIVE, "HEAD".equals(r.method()), 0, false, 1);
    }

    /** Bytes on a new connection, which the server may answer or close. */
    public static HostileCase raw(String kind, byte[] bytes) {
        return new HostileCase(kind, bytes, Delivery.FRESH, false, 0, true, 1);
    }

    public HostileCase fresh() {
        return with(Delivery.FRESH);
    }

    public HostileCase with(Delivery d) {
        return new HostileCase(kind, request, d, head, expectStatus, mayClose, replies);
    }

    public HostileCase expect(int status) {
        return new HostileCase(kind, request, delivery, head, status, mayClose, replies);
    }

    public HostileCase closable() {
        return new HostileCase(kind, request, delivery, head, expectStatus, true, replies);
    }

    /** The kind and the start of the request, escaped, for a failure message. */
    public String describe() {
        StringBuilder b = new StringBuilder(kind).append(" [").append(delivery).append(", ")
                .append(request.length).append(" bytes]: ");
        int shown = Math.min(request.length, 400);
        for (int i = 0; i < shown; i++) {
            int c = request[i] & 0xFF;
            if (c == '\r') {
                b.append("\\r");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20 || c >= 0x7F) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.append((char) c);
            }
        }
        if (shown < request.length) {
            b.append("…");
        }
        return b.toString();
    }

    /** The header section (up to the blank line) mentions a transfer coding. */
    boolean declaresTransferEncoding() {
        String text = new String(request, 0, Math.min(request.length, 70_000), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        return head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding");
    }
}
