package keys.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Source;

/**
 * Hostile framing: bad and lying Content-Length headers, transfer codings, valid and malformed
 * chunked bodies, oversized bodies, pipelining, HTTP/1.0 and connections cut mid-request. Cases
 * whose framing leaves the server waiting for bytes that never come end with a FIN or a reset,
 * as a real client that gives up would; the server must then close, never hang.
 */
public final class FramingMutations {
    private FramingMutations() {
    }

    private static final List<String> BAD_LENGTHS = List.of("-1", "-0", "abc", "1.5", "0x10", "", " ", "5 5", "+5",
            "007", "99999999999999999999", "9223372036854775808", "1e3", "\u00b2", "\u0665", "5,5", "0");

    /** Chunk-size lines the JDK must refuse (or read without harm): garbage, signs, overflow. */
    public static final List<String> BAD_CHUNK_SIZES = List.of("zz", "-1", "", " 5", "5 ", "0x5", "+5", "80000000",
            "ffffffff", "fffffff0", "7fffffff", "100000000", "100000005", "fffffffffffffff", "ffffffffffffff",
            "5;ext=1", "5;", ";", "\u00ff", "g");

    static Gen<HostileCase> any(FuzzTarget t) {
        return Gens.frequency(
                10, contentLengths(t),
                10, chunked(t),
                3, transferCodings(t),
                6, pipelined(t),
                8, cutShort(t),
                1, oversized(t));
    }

    private static String keysPath(FuzzTarget t) {
        return "/api/0/projects/" + t.orgId() + "/" + t.projectId() + "/keys/";
    }

    private static RawRequest post(FuzzTarget t) {
        return HttpMutations.request("POST", keysPath(t), t.adminToken()).header("Content-Type", "application/json");
    }

    private static byte[] body(Source s) {
        return s.drawBoolean() ? "{\"name\":\"framed\"}".getBytes(StandardCharsets.UTF_8) : Gens.bytes(64).generate(s);
    }

    /** Malformed, duplicated, conflicting and lying lengths; FIN after the bytes so nothing waits forever. */
    static Gen<HostileCase> contentLengths(FuzzTarget t) {
        return s -> {
            byte[] body = body(s);
            RawRequest r = post(t);
            switch (s.drawInt(0, 4)) {
                case 0 -> r.header("Content-Length", Gens.elements(BAD_LENGTHS).generate(s));
                case 1 -> r.header("Content-Length", Integer.toString(body.length))
                        .header("Content-Length", Integer.toString(body.length + s.drawInt(0, 5)));
                case 2 -> r.header("Content-Length", Integer.toString(body.length)).header("Transfer-Encoding", "chunked");
                case 3 -> r.header("Content-Length", Integer.toString(body.length + s.drawInt(1, 5000))); // longer than sent
                default -> r.header("Content-Length", Integer.toString(Math.max(0, body.length - s.drawInt(1, 10))));
            }
            r.rawBody(body);
            return new HostileCase("content-length", r.bytes(), HostileCase.Delivery.HALF_CLOSE, false, 0, true, 1);
        };
    }

    /** Valid chunked bodies (answered on the shared connection) and malformed ones (FIN after). */
    static Gen<HostileCase> chunked(FuzzTarget t) {
        return s -> {
            RawRequest r = post(t).header("Transfer-Encoding", s.drawBoolean() ? "chunked" : "Chunked");
            if (s.drawBoolean()) {
                byte[] json = "{\"name\":\"chunky\",\"rateLimit\":{\"count\":1,\"window\":60}}"
                        .getBytes(StandardCharsets.UTF_8);
                int cuts = s.drawInt(0, 6);
                byte[][] pieces = new byte[cuts + 1][];
                int from = 0;
                for (int i = 0; i < cuts; i++) {
                    int to = s.drawInt(from, json.length);
                    pieces[i] = Arrays.copyOfRange(json, from, to);
                    from = to;
                }
                pieces[cuts] = Arrays.copyOfRange(json, from, json.length);
                // A zero-length piece would end the body early; drop those.
                byte[] bytes = RawRequest.chunked(Arrays.stream(pieces).filter(p -> p.length > 0).toArray(byte[][]::new));
                r.rawBody(bytes);
                return HostileCase.answered("chunked", r);
            }
            String size = Gens.elements(BAD_CHUNK_SIZES).generate(s);
            String tail = switch (s.drawInt(0, 3)) {
                case 0 -> "hello\r\n0\r\n\r\n";
                case 1 -> "hello";
                case 2 -> "hello\r\n0\r\nX-Trailer: v\r\n\r\n";
                default -> HttpMutations.latin1(s, 100);
            };
            r.rawBody((size + "\r\n" + tail).getBytes(StandardCharsets.ISO_8859_1));
            return new HostileCase("chunked-bad", r.bytes(), HostileCase.Delivery.HALF_CLOSE, false, 0, true, 1);
        };
    }

    /** Unknown and stacked transfer codings: the JDK answers 501 itself, which RFC 9112 §6.1 prescribes. */
    static Gen<HostileCase> transferCodings(FuzzTarget t) {
        return s -> {
            RawRequest r = post(t);
            switch (s.drawInt(0, 3)) {
                case 0 -> r.header("Transfer-Encoding", "gzip");
                case 1 -> r.header("Transfer-Encoding", "chunked, gzip");
                case 2 -> r.header("Transfer-Encoding", "chunked").header("Transfer-Encoding", "chunked");
                default -> r.header("Transfer-Encoding", HttpMutations.latin1(s, 20));
            }
            r.rawBody(RawRequest.chunked("{}".getBytes(StandardCharsets.US_ASCII)));
            return new HostileCase("transfer-coding", r.bytes(), HostileCase.Delivery.HALF_CLOSE, false, 0, true, 1);
        };
    }

    /** Several requests in one write (all answered, in order), or an HTTP/1.0 one (answered, then closed). */
    static Gen<HostileCase> pipelined(FuzzTarget t) {
        return s -> {
            if (s.drawInt(0, 3) == 0) {
                RawRequest r = HttpMutations.request("GET", t.probePath(), t.adminToken()).version("HTTP/1.0");
                return HostileCase.answered("http-1.0", r).expect(200);
            }
            int n = s.drawInt(2, 8);
            byte[] all = new byte[0];
            for (int i = 0; i < n; i++) {
                RawRequest r = i % 2 == 0 ? HttpMutations.request("GET", t.probePath(), t.adminToken())
                        : post(t).json("{\"name\":" + i + "}");
                byte[] b = r.bytes();
                all = Arrays.copyOf(all, all.length + b.length);
                System.arraycopy(b, 0, all, all.length - b.length, b.length);
            }
            return new HostileCase("pipelined", all, HostileCase.Delivery.KEEP_ALIVE, false, 0, false, n);
        };
    }

    /** A valid request cut at a random byte, then reset or shut; the server must just let go. */
    static Gen<HostileCase> cutShort(FuzzTarget t) {
        return s -> {
            byte[] whole = post(t).json("{\"name\":\"" + "n".repeat(s.drawInt(0, 200)) + "\"}").bytes();
            byte[] part = Arrays.copyOf(whole, s.drawInt(0, whole.length - 1));
            HostileCase.Delivery d = s.drawBoolean() ? HostileCase.Delivery.ABORT : HostileCase.Delivery.HALF_CLOSE;
            return new HostileCase("cut-short", part, d, false, 0, true, 1);
        };
    }

    /**
     * Bodies past 1 MiB. A declared length over the limit is refused before the body is read (413);
     * a body actually sent may make the server close before the client has finished writing, and
     * a close with unread bytes is a reset that can drop the 413 in flight, so that case may close.
     */
    static Gen<HostileCase> oversized(FuzzTarget t) {
        return s -> {
            int limit = Request.MAX_BODY;
            switch (s.drawInt(0, 2)) {
                case 0 -> {
                    long declared = limit + 1L + s.draw(0, Long.MAX_VALUE - limit - 1L);
                    RawRequest r = post(t).header("Content-Length", Long.toString(declared));
                    return new HostileCase("oversized", r.bytes(), HostileCase.Delivery.HALF_CLOSE, false, 413, false, 1);
                }
                case 1 -> {
                    byte[] big = new byte[limit + s.drawInt(1, 4096)];
                    Arrays.fill(big, (byte) ' ');
                    RawRequest r = post(t).body(big);
                    return new HostileCase("oversized", r.bytes(), HostileCase.Delivery.FRESH, false, 413, true, 1);
                }
                default -> {
                    byte[] piece = new byte[64 << 10];
                    Arrays.fill(piece, (byte) ' ');
                    byte[][] pieces = new byte[24][]; // 1.5 MiB, read whole before the 413
                    Arrays.fill(pieces, piece);
                    RawRequest r = post(t).header("Transfer-Encoding", "chunked").rawBody(RawRequest.chunked(pieces));
                    return new HostileCase("oversized", r.bytes(), HostileCase.Delivery.FRESH, false, 413, false, 1);
                }
            }
        };
    }
}
