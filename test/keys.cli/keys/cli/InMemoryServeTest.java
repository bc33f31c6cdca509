package keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys serve --in-memory} (embedding.md §3) as the launcher runs it. */
class InMemoryServeTest {
    @TempDir
    Path tmp;

    @Test
    void diskFlagsAreUsageErrors() {
        for (String flag : List.of("--data=" + tmp, "--fsync=never", "--compact-threshold=65536",
                "--audit-retention-days=30")) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"serve", "--in-memory", flag, "--listen", "127.0.0.1:0"}, Map.of(),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            String text = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, code, text);
            assertTrue(text.contains(flag.substring(0, flag.indexOf('='))), text);
            assertEquals(1, text.lines().count(), text);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"serve", "--data", tmp.toString()}, Map.of("KEYS_IN_MEMORY", "true"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code, "KEYS_IN_MEMORY counts as --in-memory: " + err);
    }

    @Test
    void servesFromMemoryIgnoringDiskSettingsInTheEnvironment() throws Exception {
        int port = KeysProcess.freePort();
        Path data = tmp.resolve("never-created");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(KeysProcess.launcher().toString(), "serve", "--in-memory",
                "--listen", "127.0.0.1:" + port).redirectError(err.toFile()).redirectOutput(tmp.resolve("out.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("KEYS_"));
        pb.environment().putAll(Map.of("KEYS_DATA", data.toString(), "KEYS_FSYNC", "always",
                "KEYS_COMPACT_THRESHOLD", "4096", "KEYS_ACCESS_LOG", "false"));
        Process p = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            awaitReady(p, http, base, err);
            String log = Files.readString(err);
            Matcher m = Pattern.compile("sntryu_[0-9a-f]{64}").matcher(log);
            assertTrue(m.find(), log);
            String token = m.group();
            assertFalse(m.find(), "the token is printed once: " + log);
            assertTrue(log.contains("(in memory)"), log);
            HttpResponse<String> orgs = http.send(HttpRequest.newBuilder(URI.create(base + "/api/0/organizations/"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, orgs.statusCode(), orgs.body());
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("keys_store_keys 0"), metrics);
            assertFalse(Files.exists(data), "KEYS_DATA is ignored in memory");
            p.toHandle().destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), Files.readString(err));
        } finally {
            p.destroyForcibly();
        }
    }

    private static void awaitReady(Process p, HttpClient http, String base, Path err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), () -> "exited: " + read(err));
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("not ready: " + read(err));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
