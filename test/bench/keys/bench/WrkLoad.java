package keys.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk (when it is on the PATH) as the load generator for JSON POSTs and for GETs: a C client on
 * epoll costs the server's cores less than {@link HttpLoad}'s threads, so it is what the issue's
 * figures were taken with. For POSTs, connection {@code c} of {@code connections} posts to
 * {@code pathPrefix + (c % paths) + pathSuffix} in turn (wrk's Lua sees requests, not connections:
 * each of its threads walks the paths round-robin).
 */
final class WrkLoad {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);

    /** wrk on the PATH, if any; the benches load with it when it is there. */
    static final Optional<Path> ON_PATH = find();
    /** Which load generator the benches name in their output: wrk, else {@link HttpLoad}. */
    static final String CLIENT_NAME = ON_PATH.isPresent() ? "wrk" : "HttpLoad";

    private WrkLoad() {
    }

    /** The wrk executable on the PATH, if any. */
    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path wrk = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isExecutable(wrk)) {
                return Optional.of(wrk);
            }
        }
        return Optional.empty();
    }

    /**
     * POSTs {@code json} for {@code seconds} (after {@code warmupSeconds} of the same, not counted) on
     * {@code connections} keep-alive connections; a response other than 2xx counts as a failure.
     */
    static HttpLoad.Result post(Path wrk, InetSocketAddress target, String pathPrefix, int paths, String pathSuffix,
                                String token, String json, int connections, double warmupSeconds, double seconds)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("keys-wrk", ".lua");
        try {
            Files.writeString(script, lua(pathPrefix, paths, pathSuffix, token, json), StandardCharsets.UTF_8);
            if (warmupSeconds > 0) {
                run(wrk, target, script, connections, warmupSeconds);
            }
            return parse(run(wrk, target, script, connections, seconds));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * GETs {@code pathAndQuery} with the token for {@code seconds} (after {@code warmupSeconds} not
     * counted) on {@code connections} keep-alive connections; a response other than 2xx is a failure.
     */
    static HttpLoad.Result get(Path wrk, InetSocketAddress target, String pathAndQuery, String token, int connections,
                               double warmupSeconds, double seconds) throws IOException, InterruptedException {
        List<String> request = List.of("-H", "Authorization: Bearer " + token,
                "http://" + target.getHostString() + ":" + target.getPort() + pathAndQuery);
        if (warmupSeconds > 0) {
            run(wrk, connections, warmupSeconds, request);
        }
        return parse(run(wrk, connections, seconds, request));
    }

    private static String run(Path wrk, InetSocketAddress target, Path script, int connections, double seconds)
            throws IOException, InterruptedException {
        return run(wrk, connections, seconds, List.of("-s", script.toString(),
                "http://" + target.getHostString() + ":" + target.getPort() + "/"));
    }

    private static String run(Path wrk, int connections, double seconds, List<String> request)
            throws IOException, InterruptedException {
        int threads = Math.max(1, Math.min(connections, Runtime.getRuntime().availableProcessors()));
        long whole = Math.max(1, Math.round(seconds)); // wrk takes whole seconds
        List<String> command = new java.util.ArrayList<>(List.of(wrk.toString(), "-t" + threads, "-c" + connections,
                "-d" + whole + "s", "--latency", "--timeout", "30s"));
        command.addAll(request);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("wrk failed: " + out);
        }
        return out;
    }

    static HttpLoad.Result parse(String out) {
        Matcher rate = RATE.matcher(out);
        Matcher total = TOTAL.matcher(out);
        if (!rate.find() || !total.find()) {
            throw new IllegalStateException("unexpected wrk output: " + out);
        }
        long failures = 0;
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            failures += Long.parseLong(non2xx.group(1));
        }
        Matcher errors = ERRORS.matcher(out);
        if (errors.find()) {
            for (int g = 1; g <= 4; g++) {
                failures += Long.parseLong(errors.group(g));
            }
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher pct = PERCENTILE.matcher(out);
        while (pct.find()) {
            double ms = Double.parseDouble(pct.group(2)) * switch (pct.group(3)) {
                case "us" -> 1e-3;
                case "s" -> 1e3;
                default -> 1;
            };
            if (pct.group(1).equals("50")) {
                p50 = ms;
            } else {
                p99 = ms;
            }
        }
        return new HttpLoad.Result(Double.parseDouble(rate.group(1)), p50, p99, Long.parseLong(total.group(1)), failures);
    }

    private static String lua(String pathPrefix, int paths, String pathSuffix, String token, String json) {
        return String.join("\n", List.of(
                "wrk.method = \"POST\"",
                "wrk.body = " + luaString(json),
                "wrk.headers[\"Content-Type\"] = \"application/json\"",
                "wrk.headers[\"Authorization\"] = " + luaString("Bearer " + token),
                "local threads = 0",
                "function setup(thread) thread:set(\"offset\", threads); threads = threads + 1 end",
                "local n = 0",
                "function request()",
                "  n = n + 1",
                String.format(Locale.ROOT, "  local i = (n * 7 + offset) %% %d", paths),
                "  return wrk.format(nil, " + luaString(pathPrefix) + " .. i .. " + luaString(pathSuffix) + ")",
                "end", ""));
    }

    private static String luaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
