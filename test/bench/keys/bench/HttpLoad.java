package keys.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP/1.1 load generator over raw keep-alive sockets: each connection sends one
 * request, reads the whole response, and sends the next. Cheap on the client side (no HTTP
 * library), so the machine's cores go to the server being measured. Bounded by time and by a
 * request count.
 */
final class HttpLoad {
    /** Requests per second, latency percentiles in milliseconds, and failures (another status, or I/O). */
    record Result(double requestsPerSecond, double p50Ms, double p99Ms, long requests, long failures) {
    }

    private HttpLoad() {
    }

    static Result run(InetSocketAddress target, String pathAndQuery, String token, int connections,
                      double warmupSeconds, double seconds, long maxRequests) throws InterruptedException {
        byte[] request = ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + target.getHostString() + ":" + target.getPort()
                + "\r\nAuthorization: Bearer " + token + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        return run(target, c -> request, 200, connections, warmupSeconds, seconds, maxRequests);
    }

    /** A POST of a JSON body; connection {@code c} sends to {@code pathFor.apply(c)}. */
    static Result post(InetSocketAddress target, IntFunction<String> pathFor, String token, String json, int expected,
                       int connections, double warmupSeconds, double seconds) throws InterruptedException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        IntFunction<byte[]> request = c -> {
            byte[] head = ("POST " + pathFor.apply(c) + " HTTP/1.1\r\nHost: " + target.getHostString() + ":"
                    + target.getPort() + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            return all;
        };
        return run(target, request, expected, connections, warmupSeconds, seconds, Long.MAX_VALUE);
    }

    private static Result run(InetSocketAddress target, IntFunction<byte[]> requestFor, int expected, int connections,
                              double warmupSeconds, double seconds, long maxRequests) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long stopAt = measureFrom + (long) (seconds * 1e9);
        AtomicLong budget = new AtomicLong(maxRequests);
        AtomicLong failures = new AtomicLong();
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        long[] measuredEnd = new long[connections];
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            int me = c;
            byte[] request = requestFor.apply(c);
            Thread.ofPlatform().daemon().start(() -> {
                long[] lat = new long[1024];
                int n = 0;
                try (Socket s = new Socket()) {
                    s.setTcpNoDelay(true);
                    s.connect(target, 5_000);
                    s.setSoTimeout(30_000);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
                    byte[] body = new byte[256 * 1024];
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= stopAt || (t0 >= measureFrom && budget.decrementAndGet() < 0)) {
                            break;
                        }
                        out.write(request);
                        out.flush();
                        int status = readResponse(in, body);
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom) {
                            if (status != expected) {
                                failures.incrementAndGet();
                            }
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, n * 2);
                            }
                            lat[n++] = t1 - t0;
                            measuredEnd[me] = t1;
                        }
                    }
                } catch (IOException e) {
                    failures.incrementAndGet();
                } finally {
                    latencies[me] = lat;
                    counts[me] = n;
                    done.countDown();
                }
            });
        }
        done.await();
        int total = 0;
        long end = measureFrom;
        for (int c = 0; c < connections; c++) {
            total += counts[c];
            end = Math.max(end, measuredEnd[c]);
        }
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        double elapsed = Math.max(1e-9, (end - measureFrom) / 1e9);
        return new Result(total / elapsed, percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6, total,
                failures.get());
    }

    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** Reads one response (status line, headers, Content-Length body); returns the status. */
    static int readResponse(InputStream in, byte[] scratch) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = 0;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon > 0 && h.regionMatches(true, 0, "Content-Length", 0, colon)) {
                length = Long.parseLong(h.substring(colon + 1).trim());
            }
        }
        while (length > 0) {
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, length));
            if (r < 0) {
                throw new EOFException("response cut short");
            }
            length -= r;
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
