package keys.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;

import keys.domain.Causes;
import keys.domain.Urls;

/** {@code keys health}: a container health check that needs no curl. */
final class HealthCommand {
    private HealthCommand() {
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        Flags flags = new Flags("health")
                .value("url", null, "the server's base URL (default: http:// + --listen)")
                .value("listen", "127.0.0.1:9000", "the address the server listens on");
        if (flags.parse(args, env)) {
            out.print(flags.help("Asks a running server's /readyz; exit 0 when ready, 1 (saying why on stderr) otherwise."));
            return 0;
        }
        flags.noPositional();
        String base = flags.get("url");
        String flag = "--url '" + base + "'";
        if (base == null) {
            base = baseUrl(flags.get("listen"));
            flag = "--listen '" + flags.get("listen") + "' gives '" + base + "', which";
        }
        String problem = Urls.problem(base);
        if (problem != null) {
            throw new UsageException("keys health: " + flag + " " + problem);
        }
        URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/readyz");
        int status;
        try {
            status = HttpCall.send(uri, "GET", Map.of(), null, 3000);
        } catch (IOException e) {
            err.println("keys health: not ready: cannot reach " + uri + ": " + Causes.describe(e));
            return 1;
        }
        if (status != 200) {
            err.println("keys health: not ready: " + uri + " answered " + status);
            return 1;
        }
        out.println("ready");
        return 0;
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
