package keys.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real {@code keys serve} process from the linked image, on a free loopback port. */
final class KeysProcess implements AutoCloseable {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Process process;
    final String url;
    final Path stdout;
    final Path stderr;

    private KeysProcess(Process process, String url, Path stdout, Path stderr) {
        this.process = process;
        this.url = url;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static Path launcher() {
        return Path.of(System.getProperty("keys.image", "build/image"), "bin", "keys");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code keys serve --data DIR --listen 127.0.0.1:PORT ARGS} and waits for /healthz. */
    static KeysProcess start(Path data, Map<String, String> env, String... args) throws Exception {
        KeysProcess p = launch(data, env, args);
        p.awaitHealthy();
        return p;
    }

    static KeysProcess launch(Path data, Map<String, String> env, String... args) throws IOException {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(launcher().toString(), "serve", "--data", data.toString(),
                "--listen", "127.0.0.1:" + port, "--fsync", "always"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("keys-out", ".txt");
        Path err = Files.createTempFile("keys-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("KEYS_"));
        pb.environment().putAll(env);
        return new KeysProcess(pb.start(), "http://127.0.0.1:" + port, out, err);
    }

    void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("keys serve exited " + process.exitValue() + ": " + stderr());
            }
            try {
                if (get("/healthz", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("keys serve did not become healthy: " + stderr());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null);
    }

    HttpResponse<String> send(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        return send(url, method, path, token, body);
    }

    /** A request to a server at {@code url}, whether or not this class started it. */
    static HttpResponse<String> send(String url, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json"); // bodies are parsed by their type, as in DRF
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** SIGTERM, then the exit code (at most 20 s). */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** SIGKILL, as a crash would: no shutdown hook runs, nothing is flushed. Then the exit code. */
    int kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("keys serve (pid " + process.pid() + ") outlived SIGKILL");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            try {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
    }
}
