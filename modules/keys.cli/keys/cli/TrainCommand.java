package keys.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import keys.server.KeysServer;

/**
 * {@code keys train} (hidden; used by build.sh): serves the demo organization from a temporary
 * directory and sends it the requests a real start-up and first minutes see, then exits normally —
 * so a JVM run with {@code -XX:AOTCacheOutput} records what the image should have ready at start.
 */
final class TrainCommand {
    /**
     * Each request once: enough to load and link every class it uses (the cache holds the same
     * classes as with more rounds), while every method a round makes hot is recorded with its
     * profile and compiled again at every start as soon as its class is initialised, by compilers
     * that share two cores with the main thread (3 rounds against 1: C1 and C2 ~5 ms more CPU
     * before the first answer; 50 rounds cost ~15 ms more).
     */
    private static final int ROUNDS = 1;

    private TrainCommand() {
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        Path dir = Files.createTempDirectory("keys-train");
        try {
            Path data = dir.resolve("data");
            // The very path `keys serve --demo` takes, so its classes are in the cache too.
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            KeysServer running = ServeCommand.serve(flags(Map.of(), "--data", data.toString(), "--listen", "127.0.0.1:0",
                    "--demo", "--rate-limits", "--access-log", "false"), Map.of(), quiet, quiet);
            String token = Files.readString(data.resolve("demo-token")).strip();
            String base = "http://127.0.0.1:" + running.port();
            Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
            String[] gets = {"/healthz", "/readyz", "/api/0/organizations/demo/project-keys/",
                    "/api/0/organizations/demo/project-keys/?team=backend&status=active&per_page=2",
                    "/api/0/projects/demo/api/keys/", "/api/0/organizations/", "/api/0/organizations/demo/teams/",
                    "/api/0/organizations/demo/projects/", "/api/0/projects/demo/api/", "/nope"};
            for (int round = 0; round < ROUNDS; round++) {
                for (String path : gets) {
                    send(base + path, "GET", auth, null);
                }
                send(base + "/api/0/projects/demo/api/keys/", "POST",
                        Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"),
                        "{\"name\":\"train " + round + "\"}");
            }
            send(base + "/metrics", "GET", Map.of(), null);
            running.stop(0);
            // Restarts in place, as after a crash or an upgrade: with the admin's token given (as a
            // container's Secret gives it) and without; both only find the admin there.
            String admin = Files.readString(data.resolve("admin-token")).strip();
            for (Map<String, String> given : List.of(Map.of("KEYS_ADMIN_TOKEN", admin), Map.<String, String>of())) {
                KeysServer again = ServeCommand.start(flags(given, "--data", data.toString(), "--listen", "127.0.0.1:0",
                        "--access-log", "false"), given, quiet, quiet);
                send("http://127.0.0.1:" + again.port() + "/healthz", "GET", Map.of(), null);
                send("http://127.0.0.1:" + again.port() + "/readyz", "GET", Map.of(), null);
                again.stop(0);
            }
            // and the in-memory path, with nothing to bootstrap but a minted token
            try (KeysServer memory = KeysServer.builder().inMemory()
                    .listen(new java.net.InetSocketAddress("127.0.0.1", 0)).start()) {
                send(memory.url() + "/api/0/organizations/", "GET",
                        Map.of("Authorization", "Bearer " + memory.adminToken()), null);
            }
            out.println("keys train: done");
            return 0;
        } finally {
            delete(dir);
        }
    }

    /**
     * Not Files.walk: every class the training loads is in the cache and mapped at every start,
     * and a stream pipeline sorted in reverse is used nowhere else.
     */
    private static void delete(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
                for (Path e : entries) {
                    delete(e);
                }
            }
        }
        Files.deleteIfExists(p);
    }

    private static Flags flags(Map<String, String> env, String... args) {
        Flags flags = ServeCommand.flags();
        flags.parse(args, env);
        return flags;
    }

    private static void send(String url, String method, Map<String, String> headers, String json) throws Exception {
        HttpCall.send(URI.create(url), method, headers, json == null ? null : json.getBytes(StandardCharsets.UTF_8), 0);
    }
}
