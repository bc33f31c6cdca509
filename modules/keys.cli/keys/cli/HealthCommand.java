package keys.cli;

import java.io.PrintStream;
import java.net.URI;
import java.util.Map;

/** {@code keys health}: a container health check that needs no curl. */
final class HealthCommand {
    private HealthCommand() {
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        Flags flags = new Flags("health")
                .value("url", null, "the server's base URL (default: http:// + --listen)")
                .value("listen", "127.0.0.1:9000", "the address the server listens on");
        if (flags.parse(args, env)) {
            out.print(flags.help("Asks a running server's /readyz; exit 0 when ready, 1 otherwise."));
            return 0;
        }
        flags.noPositional();
        String base = flags.get("url");
        if (base == null) {
            base = baseUrl(flags.get("listen"));
        }
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(base + "/readyz");
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("keys health: not a URL: '" + base + "'");
        }
        try {
            int status = HttpCall.send(uri, "GET", Map.of(), null, 3000);
            out.println(status == 200 ? "ready" : "not ready: " + status);
            return status == 200 ? 0 : 1;
        } catch (java.io.IOException e) {
            out.println("not ready: " + e.getMessage());
            return 1;
        }
    }

    /** The URL to ask a server listening on {@code listen}: on every address means ask loopback. */
    static String baseUrl(String listen) {
        if (listen.startsWith("0.0.0.0:")) {
            return "http://127.0.0.1" + listen.substring("0.0.0.0".length());
        }
        if (listen.startsWith("[::]:")) {
            return "http://[::1]" + listen.substring("[::]".length());
        }
        return "http://" + listen;
    }
}
