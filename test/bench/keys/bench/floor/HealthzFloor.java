package keys.bench.floor;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * The floor that {@code keys serve}'s start-up is measured against (StartupBench): the smallest
 * JDK HTTP server that answers {@code /healthz}, on virtual threads as keys is. Run from a jar of
 * its own, with an AOT cache of its own. Arguments: {@code PORT} to serve on 127.0.0.1, or
 * {@code train} to answer a few requests to itself and exit (the AOT cache's training run).
 */
public final class HealthzFloor {
    private static final byte[] OK = {'{', '"', 's', 't', 'a', 't', 'u', 's', '"', ':', '"', 'o', 'k', '"', '}'};

    private HealthzFloor() {
    }

    public static void main(String[] args) throws Exception {
        boolean train = args[0].equals("train");
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                train ? 0 : Integer.parseInt(args[0])), 0);
        http.createContext("/healthz", exchange -> {
            exchange.sendResponseHeaders(200, OK.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(OK);
            }
        });
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.start();
        if (train) {
            URI healthz = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/healthz");
            for (int i = 0; i < 50; i++) {
                HttpURLConnection c = (HttpURLConnection) healthz.toURL().openConnection();
                try (InputStream in = c.getInputStream()) {
                    in.readAllBytes();
                }
            }
            http.stop(0);
            System.exit(0);
        }
    }
}
