package keys.http;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import keys.store.Store;
import keys.store.StoreStats;

/** Counters for {@code /metrics}, in Prometheus' text format. */
final class Metrics {
    /** Upper bounds of the latency buckets, in seconds. */
    private static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder[] latency = new LongAdder[BUCKETS.length + 1];
    private final LongAdder latencyCount = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();

    Metrics() {
        for (int i = 0; i < latency.length; i++) {
            latency[i] = new LongAdder();
        }
    }

    void record(String route, int status, long nanos) {
        requests.computeIfAbsent(route + "\u0000" + status, k -> new LongAdder()).increment();
        double seconds = nanos / 1e9;
        int bucket = 0;
        while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]) {
            bucket++;
        }
        latency[bucket].increment();
        latencyCount.increment();
        latencyNanos.add(nanos);
    }

    Response render(Store store) {
        StringBuilder out = new StringBuilder(2048);
        out.append("# HELP keys_http_requests_total Requests by route template and status.\n");
        out.append("# TYPE keys_http_requests_total counter\n");
        requests.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String[] parts = e.getKey().split("\u0000");
            out.append("keys_http_requests_total{route=\"").append(escape(parts[0])).append("\",status=\"")
                    .append(parts[1]).append("\"} ").append(e.getValue().sum()).append('\n');
        });
        out.append("# HELP keys_http_request_duration_seconds Request latency.\n");
        out.append("# TYPE keys_http_request_duration_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            cumulative += latency[i].sum();
            out.append("keys_http_request_duration_seconds_bucket{le=\"").append(number(BUCKETS[i])).append("\"} ")
                    .append(cumulative).append('\n');
        }
        cumulative += latency[BUCKETS.length].sum();
        out.append("keys_http_request_duration_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
        out.append("keys_http_request_duration_seconds_sum ").append(number(latencyNanos.sum() / 1e9)).append('\n');
        out.append("keys_http_request_duration_seconds_count ").append(latencyCount.sum()).append('\n');
        Runtime rt = Runtime.getRuntime();
        gauge(out, "keys_jvm_heap_used_bytes", "JVM heap in use.", rt.totalMemory() - rt.freeMemory());
        gauge(out, "keys_jvm_heap_max_bytes", "JVM heap limit.", rt.maxMemory());
        gauge(out, "keys_store_keys", "Client keys in the store.", store.state().keyCount());
        gauge(out, "keys_store_writable", "1 while the store takes writes; 0 after a failed write or fsync"
                + " (/readyz says why).", store.isOpen() ? 1 : 0);
        StoreStats s = store.stats();
        counter(out, "keys_store_records_written_total", "Log records appended since start.", s.records());
        counter(out, "keys_store_bytes_written_total", "Log bytes appended since start.", s.bytesWritten());
        counter(out, "keys_store_fsyncs_total", "fsync calls on the log.", s.fsyncs());
        counter(out, "keys_store_fsync_seconds_total", "Time spent in fsync.", s.fsyncNanos() / 1e9);
        gauge(out, "keys_store_log_records", "Records in the log since the last snapshot.", s.logRecords());
        gauge(out, "keys_store_log_bytes", "Bytes in the log since the last snapshot.", s.logBytes());
        counter(out, "keys_store_compactions_total", "Compactions done.", s.compactions());
        counter(out, "keys_store_compaction_failures_total", "Compactions that failed.", s.compactionFailures());
        gauge(out, "keys_store_last_compaction_timestamp_seconds", "When the last compaction finished (0: never).",
                s.lastCompactionMillis() / 1000.0);
        return Response.json(200, out.toString().getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        sample(out, name, help, "gauge", value);
    }

    private static void counter(StringBuilder out, String name, String help, double value) {
        sample(out, name, help, "counter", value);
    }

    private static void sample(StringBuilder out, String name, String help, String type, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append(' ').append(number(value)).append('\n');
    }

    /**
     * A number as Prometheus' own clients write it: {@code 0.0005}, {@code 1}, {@code 2.5}, never
     * Java's {@code 5.0E-4} (scrapers parse both, but bucket labels are compared as text).
     */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
