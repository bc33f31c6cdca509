package keys.bench;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import keys.server.KeysServer;

/**
 * Embedding (embedding.md §2): in a warm JVM, from {@code start()} of an in-memory server to its
 * first answer (median of 20 after 5 warm-ups), and the heap an empty in-memory server holds.
 */
final class EmbedBench {
    private static final int WARM_UPS = 5;
    private static final int RUNS = 20;
    private static final int HEAP_SERVERS = 10;

    private EmbedBench() {
    }

    static void run(PrintStream json, List<String[]> table) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[] nanos = new long[RUNS];
        for (int i = 0; i < WARM_UPS + RUNS; i++) {
            long t0 = System.nanoTime();
            try (KeysServer keys = start()) {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + keys.port() + "/healthz")).build(),
                        HttpResponse.BodyHandlers.discarding());
                long took = System.nanoTime() - t0;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("healthz answered " + r.statusCode());
                }
                if (i >= WARM_UPS) {
                    nanos[i - WARM_UPS] = took;
                }
            }
        }
        Arrays.sort(nanos);
        double medianMs = Util.percentile(nanos, 50) / 1e6;
        Bench.emit(json, "embed.start_to_first_answer", medianMs, "ms", "runs", RUNS, "store", "memory");
        table.add(new String[] {"embedded in-memory start -> first answer (median of " + RUNS + ")",
                String.format("%.1f ms", medianMs), "aim <= 50 ms"});

        long before = HeapBench.usedAfterGc();
        List<KeysServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < HEAP_SERVERS; i++) {
                servers.add(start());
            }
            long after = HeapBench.usedAfterGc();
            double perServer = (after - before) / (double) HEAP_SERVERS;
            Bench.emit(json, "embed.heap_per_empty_server", perServer, "bytes", "servers", HEAP_SERVERS, "store", "memory");
            table.add(new String[] {"heap of an empty in-memory server (" + HEAP_SERVERS + " at once)",
                    String.format("%.0f KiB", perServer / 1024), ""});
        } finally {
            servers.forEach(KeysServer::close);
        }
    }

    private static KeysServer start() {
        return KeysServer.builder().inMemory().listen(new InetSocketAddress("127.0.0.1", 0)).start();
    }
}
