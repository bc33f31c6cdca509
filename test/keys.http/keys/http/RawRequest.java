package keys.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/1.1 request put together byte for byte: nothing is validated, escaped or added, so a
 * generator can write exactly the malformed thing it wants. Request line and header text are
 * written as ISO-8859-1 (one char, one byte), so any byte can be placed with a char up to 0xFF.
 */
public final class RawRequest {
    private String method = "GET";
    private String target = "/";
    private String version = "HTTP/1.1";
    private String requestLine; // when set, replaces method, target and version
    private final List<String> headerLines = new ArrayList<>();
    private byte[] body = new byte[0];

    public static RawRequest get(String target) {
        return new RawRequest().method("GET").target(target);
    }

    public static RawRequest of(String method, String target) {
        return new RawRequest().method(method).target(target);
    }

    public RawRequest method(String m) {
        method = m;
        return this;
    }

    public RawRequest target(String t) {
        target = t;
        return this;
    }

    public RawRequest version(String v) {
        version = v;
        return this;
    }

    /** The whole first line, as is (without its CRLF). */
    public RawRequest requestLine(String line) {
        requestLine = line;
        return this;
    }

    public RawRequest header(String name, String value) {
        headerLines.add(name + ": " + value);
        return this;
    }

    /** A header line written exactly as given (no colon added): for headers without a colon, obs-fold… */
    public RawRequest headerLine(String line) {
        headerLines.add(line);
        return this;
    }

    public RawRequest host() {
        return header("Host", "127.0.0.1");
    }

    public RawRequest bearer(String token) {
        return token == null ? this : header("Authorization", "Bearer " + token);
    }

    /** Body bytes, with no framing header: add Content-Length or Transfer-Encoding yourself. */
    public RawRequest rawBody(byte[] b) {
        body = b;
        return this;
    }

    /** Body bytes with a correct Content-Length. */
    public RawRequest body(byte[] b) {
        body = b;
        return header("Content-Length", Integer.toString(b.length));
    }

    public RawRequest json(String text) {
        header("Content-Type", "application/json");
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    public String method() {
        return requestLine != null ? requestLine.split(" ", 2)[0] : method;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + body.length);
        String line = requestLine != null ? requestLine : method + " " + target + " " + version;
        out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(CRLF);
        for (String h : headerLines) {
            out.writeBytes(h.getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(CRLF);
        }
        out.writeBytes(CRLF);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** The UTF-8 bytes of {@code s}, one char per byte: what a raw request line carries for it. */
    public static String utf8AsLatin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** A chunked body: each piece one chunk, then the last chunk. */
    public static byte[] chunked(byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : pieces) {
            out.writeBytes((Integer.toHexString(p.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(p);
            out.writeBytes(CRLF);
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
