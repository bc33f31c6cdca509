package keys.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import com.sun.net.httpserver.HttpExchange;

/**
 * Sends a {@link Response#streamed} body chunk by chunk. If producing it fails half-way, the
 * connection is dropped without the final empty chunk, so the client sees a broken transfer and
 * never mistakes a cut body for a whole one.
 */
final class StreamedBody {
    private StreamedBody() {
    }

    /** Returns the bytes sent; on failure throws, leaving the stream open for the JDK to abort. */
    static int send(HttpExchange exchange, Response response) throws IOException {
        exchange.sendResponseHeaders(response.status, 0);
        Counting out = new Counting(exchange.getResponseBody());
        try {
            response.stream.writeTo(out);
        } catch (RuntimeException e) {
            throw new IOException("the streamed body failed half-way: " + e.getMessage(), e);
        }
        out.close();
        return (int) Math.min(Integer.MAX_VALUE, out.count);
    }

    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
