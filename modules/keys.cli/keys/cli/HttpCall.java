package keys.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLConnection;
import java.util.Map;

/**
 * One HTTP request on java.base's {@link HttpURLConnection}: all {@code keys health} and
 * {@code keys train} need. Without java.net.http the image is 0.6 MB smaller, and its AOT cache,
 * trained in a JVM that loads this client instead, 6.6 MB smaller. As java.net.http's defaults:
 * no proxy, no redirects followed.
 */
final class HttpCall {
    private HttpCall() {
    }

    /**
     * Sends the request and reads the whole answer (so that the connection can be reused); returns
     * the status. {@code timeoutMillis} bounds connecting and each read; 0 waits forever.
     */
    static int send(URI uri, String method, Map<String, String> headers, byte[] body, int timeoutMillis)
            throws IOException {
        URLConnection connection = uri.toURL().openConnection(Proxy.NO_PROXY);
        if (!(connection instanceof HttpURLConnection c)) {
            throw new IOException("not an http(s) URL: " + uri);
        }
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout(timeoutMillis);
        c.setReadTimeout(timeoutMillis);
        c.setRequestMethod(method);
        headers.forEach(c::setRequestProperty);
        if (body != null) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            if (in != null) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return status;
    }
}
