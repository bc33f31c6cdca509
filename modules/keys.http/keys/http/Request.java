package keys.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/** What the client sent, read whole and within limits before any handler runs. */
final class Request {
    static final int MAX_BODY = 1 << 20;
    static final int MAX_URL = 8 << 10;

    final String method;
    final String rawPath;
    final String rawQuery;
    final QueryParams query;
    final Headers headers;
    final byte[] body;
    final String remoteIp;

    private Request(String method, String rawPath, String rawQuery, Headers headers, byte[] body, String remoteIp) {
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.query = QueryParams.parse(rawQuery);
        this.headers = headers;
        this.body = body;
        this.remoteIp = remoteIp;
    }

    static Request read(HttpExchange exchange) throws IOException {
        return read(exchange, MAX_BODY);
    }

    /** With another body limit, a whole number of MiB (test mode's {@code PUT /_keys/state} takes a large export). */
    static Request read(HttpExchange exchange, int maxBody) throws IOException {
        String rawUri = exchange.getRequestURI().toString();
        if (rawUri.length() > MAX_URL) {
            throw ApiException.detail(414, "Request-URI Too Long");
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Headers headers = exchange.getRequestHeaders();
        String declared = headers.getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Invalid Content-Length.");
            }
            if (length > maxBody) {
                throw tooLarge(maxBody);
            }
        }
        byte[] body = readBody(exchange.getRequestBody(), maxBody);
        String remote = exchange.getRemoteAddress() == null ? "unknown"
                : exchange.getRemoteAddress().getAddress().getHostAddress();
        return new Request(exchange.getRequestMethod(), rawPath == null ? "/" : rawPath, rawQuery,
                headers, body, remote);
    }

    private static ApiException tooLarge(int maxBody) {
        return ApiException.detail(413, "Request body too large. Limit is " + (maxBody >> 20) + " MiB.");
    }

    private static byte[] readBody(InputStream in, int maxBody) throws IOException {
        byte[] buf = new byte[0];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n > maxBody) {
                    throw tooLarge(maxBody);
                }
                buf = Arrays.copyOf(buf, Math.max(256, n * 2));
            }
            int r;
            try {
                r = in.read(buf, n, buf.length - n);
            } catch (IndexOutOfBoundsException e) {
                // The JDK's chunked decoder reads a chunk size past 0x7fffffff as a negative int and
                // fails this way: broken framing, so drop the connection as for its other chunk errors.
                throw new IOException("malformed chunk size", e);
            }
            if (r < 0) {
                break;
            }
            n += r;
        }
        if (n > maxBody) {
            throw tooLarge(maxBody);
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    String header(String name) {
        return headers.getFirst(name);
    }
}
