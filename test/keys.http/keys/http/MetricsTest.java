package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** /healthz, /readyz and /metrics; the metrics parse as Prometheus' text format and count what happened. */
class MetricsTest {
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\""
                    + "(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\")*)?\\})? "
                    + "(-?[0-9.eE+-]+|\\+Inf|-Inf|NaN)");

    /** Checks the exposition format line by line; returns samples by name plus labels. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        Set<String> typed = new HashSet<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                assertEquals(4, parts.length, line);
                assertTrue(Set.of("counter", "gauge", "histogram", "summary", "untyped").contains(parts[3]), line);
                assertTrue(typed.add(parts[2]), "TYPE twice: " + line);
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                fail("not a Prometheus sample line: " + line);
            }
            String family = m.group(1).replaceAll("_(bucket|sum|count)$", "");
            assertTrue(typed.contains(family) || typed.contains(m.group(1)), "sample before its TYPE: " + line);
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.valueOf(m.group(4).replace("+Inf", "Infinity")));
        }
        assertTrue(text.endsWith("\n"));
        return samples;
    }

    @Test
    void healthAndReadiness() {
        try (TestServer ts = TestServer.start()) {
            HttpResponse<String> h = ts.get("/healthz", null);
            assertEquals(200, h.statusCode());
            assertEquals("{\"status\":\"ok\"}", h.body());
            assertEquals(200, ts.get("/readyz", null).statusCode());
        }
    }

    @Test
    void metricsParseAndCountRequests() {
        try (TestServer ts = TestServer.start()) {
            for (int i = 0; i < 3; i++) {
                ts.get("/api/0/organizations/", ts.adminToken);
            }
            ts.get("/api/0/organizations/", null);
            HttpResponse<String> r = ts.get("/metrics", null);
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            Map<String, Double> samples = parse(r.body());
            assertEquals(3.0, samples.get("keys_http_requests_total{route=\"/api/0/organizations/\",status=\"200\"}"));
            assertEquals(1.0, samples.get("keys_http_requests_total{route=\"/api/0/organizations/\",status=\"401\"}"));
            assertTrue(samples.get("keys_http_request_duration_seconds_count") >= 4);
            assertEquals(samples.get("keys_http_request_duration_seconds_count"),
                    samples.get("keys_http_request_duration_seconds_bucket{le=\"+Inf\"}"));
            assertTrue(samples.get("keys_store_records_written_total") >= 1, r.body());
            assertTrue(samples.get("keys_jvm_heap_used_bytes") > 0);
            assertTrue(samples.containsKey("keys_store_fsyncs_total"));
            assertTrue(samples.containsKey("keys_store_last_compaction_timestamp_seconds"));
        }
    }

    @Test
    void theFormatCheckRejectsBrokenText() {
        for (String bad : new String[] {"# TYPE x counter\nx{a=\"1} 1\n", "x 1\n", "# TYPE x counter\nx one\n",
                "# TYPE x counter\nx 1"}) {
            try {
                parse(bad);
            } catch (AssertionError expected) {
                continue;
            }
            fail("accepted: " + bad);
        }
    }

    @Test
    void numbersAreWrittenAsPrometheusClientsWriteThem() {
        try (TestServer ts = TestServer.start()) {
            ts.get("/healthz", null);
            String body = ts.get("/metrics", null).body();
            parse(body);
            for (String le : new String[] {"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.1", "1", "2.5", "+Inf"}) {
                assertTrue(body.contains("keys_http_request_duration_seconds_bucket{le=\"" + le + "\"}"), le + " in " + body);
            }
            assertFalse(body.contains("E-") || body.contains("E+") || body.contains("E1"), body);
            assertTrue(body.contains("\nkeys_store_writable 1\n"), body);
        }
    }

    @Test
    void aBodyTooLargeForAKnownRouteCountsUnderThatRoute() throws Exception {
        try (TestServer ts = TestServer.start()) {
            URI base = URI.create(ts.url);
            String path = "/api/0/organizations/";
            try (Socket s = new Socket(base.getHost(), base.getPort())) {
                s.setSoTimeout(10_000);
                // Declared too long, no body sent: refused before any byte of it is read.
                s.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                        + "\r\nContent-Length: 2000000\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertEquals("HTTP/1.1 413", status);
            }
            Map<String, Double> samples = parse(ts.get("/metrics", null).body());
            assertEquals(1.0, samples.get("keys_http_requests_total{route=\"" + path + "\",status=\"413\"}"), samples.toString());
            assertNull(samples.get("keys_http_requests_total{route=\"unmatched\",status=\"413\"}"));
        }
    }
}
