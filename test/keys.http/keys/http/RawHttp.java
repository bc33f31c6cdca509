package keys.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tiny HTTP/1.1 client over one raw socket to 127.0.0.1: writes whatever bytes it is given and
 * reads replies strictly (status line, headers, then a body framed by Content-Length, chunked, or
 * the end of the stream). Every read has the socket timeout, so a server that never answers shows
 * up as {@link SocketTimeoutException} rather than a stuck test.
 */
public final class RawHttp implements AutoCloseable {
    /** Bounds on what a reply may be, so a runaway server cannot exhaust the test's memory. */
    static final int MAX_LINE = 64 << 10;
    static final int MAX_BODY = 16 << 20;

    /** One reply. Header names are kept as sent; look them up with {@link #header(String)}. */
    public record Reply(int status, List<String[]> headers, byte[] body) {
        /** The first value of the header, any case of its name; null when absent. */
        public String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The server said it will close the connection after this reply. */
        public boolean closes() {
            String c = header("Connection");
            return c != null && c.toLowerCase(Locale.ROOT).contains("close");
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 << 10);
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port}; every later read waits at most {@code timeoutMillis}. */
    public static RawHttp connect(int port, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
            return new RawHttp(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** The port of a {@link TestServer}'s URL. */
    public static int port(TestServer ts) {
        return Integer.parseInt(ts.url.substring(ts.url.lastIndexOf(':') + 1));
    }

    public void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    public void write(byte[] bytes, int off, int len) throws IOException {
        out.write(bytes, off, len);
        out.flush();
    }

    /** Writes {@code bytes} {@code step} at a time with a pause after each: a slow client. */
    public void writeSlowly(byte[] bytes, int step, long pauseMillis) throws IOException, InterruptedException {
        for (int i = 0; i < bytes.length; i += step) {
            write(bytes, i, Math.min(step, bytes.length - i));
            Thread.sleep(pauseMillis);
        }
    }

    /** Sends FIN: the server sees the end of the request stream but can still answer. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Closes at once with a reset (SO_LINGER 0), as a crashing client would. */
    public void abort() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already broken: closing below is all that is left to do
        }
        close();
    }

    /**
     * Reads one final reply (1xx interim replies are skipped). {@code head}: the request was a
     * HEAD, so the reply has no body whatever its headers say.
     *
     * @throws EOFException           the server closed before the first byte of a status line
     * @throws SocketTimeoutException nothing arrived in time
     * @throws ProtocolException      the reply is not valid HTTP/1.1
     */
    public Reply read(boolean head) throws IOException {
        while (true) {
            String statusLine = readLine(true);
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                throw new ProtocolException("bad status line: " + statusLine);
            }
            int status;
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad status: " + statusLine);
            }
            List<String[]> headers = new ArrayList<>();
            for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new ProtocolException("bad header line: " + line);
                }
                headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            Reply shell = new Reply(status, headers, new byte[0]);
            return new Reply(status, headers, readBody(shell, head));
        }
    }

    /** True when the server closes (or resets) the connection within the timeout, reading nothing else. */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private byte[] readBody(Reply r, boolean head) throws IOException {
        if (head || r.status() == 204 || r.status() == 304) {
            return new byte[0];
        }
        String te = r.header("Transfer-Encoding");
        if (te != null && te.equalsIgnoreCase("chunked")) {
            return readChunked();
        }
        String length = r.header("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad Content-Length: " + length);
            }
            if (n < 0 || n > MAX_BODY) {
                throw new ProtocolException("Content-Length out of range: " + n);
            }
            byte[] body = in.readNBytes((int) n);
            if (body.length != n) {
                throw new ProtocolException("body shorter than its Content-Length " + n);
            }
            return body;
        }
        // No framing: the body runs to the end of the stream.
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int k; (k = in.read(buf)) >= 0; ) {
            b.write(buf, 0, k);
            if (b.size() > MAX_BODY) {
                throw new ProtocolException("unframed body too long");
            }
        }
        return b.toByteArray();
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            String line = readLine(false);
            int semi = line.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad chunk size: " + line);
            }
            if (size < 0 || b.size() + (long) size > MAX_BODY) {
                throw new ProtocolException("chunk size out of range: " + line);
            }
            if (size == 0) {
                while (!readLine(false).isEmpty()) {
                    // trailers: ignored
                }
                return b.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new ProtocolException("chunk cut short");
            }
            b.writeBytes(chunk);
            if (!readLine(false).isEmpty()) {
                throw new ProtocolException("chunk not followed by CRLF");
            }
        }
    }

    /** One line without its CRLF. {@code first}: an immediate end of stream is an EOFException. */
    private String readLine(boolean first) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (first && line.size() == 0) {
                    throw new EOFException("closed by the server");
                }
                throw new ProtocolException("reply cut short after: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            if (c == '\n') {
                break;
            }
            line.write(c);
            if (line.size() > MAX_LINE) {
                throw new ProtocolException("reply line too long");
            }
        }
        byte[] b = line.toByteArray();
        int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do: the socket is gone either way
        }
    }
}
