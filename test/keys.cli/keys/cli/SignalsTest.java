package keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README "Signals", on a real process from the image: the first TERM stops gracefully, waiting
 * for a request in flight; a second TERM exits at once with status 1.
 */
class SignalsTest {
    private static final Pattern READY = Pattern.compile("\\{\"url\":\"([^\"]+)\",\"port\":\\d+,\"adminToken\":\"(sntryu_[0-9a-f]{64})\"}\n");

    @TempDir
    Path tmp;

    @Test
    void aSecondSignalExitsAtOnceWhileTheFirstWaitsForARequestInFlight() throws Exception {
        Path ready = tmp.resolve("ready.json");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(KeysProcess.launcher().toString(), "serve", "--test-mode",
                "--listen", "127.0.0.1:0", "--ready-file", ready.toString(), "--access-log", "false")
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("KEYS_"));
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(ready) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Matcher m = READY.matcher(Files.exists(ready) ? Files.readString(ready) : "");
            assertTrue(m.matches(), "no ready file: " + Files.readString(err));
            String url = m.group(1);
            String token = m.group(2);
            // A request that stays in flight for 30 s, longer than the 10 s grace.
            assertEquals(201, KeysProcess.send(url, "POST", "/_keys/faults", token,
                    "{\"path\":\"/healthz\",\"delayMillis\":30000}").statusCode());
            KeysProcess.CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(url + "/healthz")).build(),
                    HttpResponse.BodyHandlers.discarding());
            while (!KeysProcess.send(url, "GET", "/_keys/faults", token, null).body().equals("[]")) { // taken once it is hit
                Thread.sleep(20);
            }
            p.toHandle().destroy(); // TERM
            while (!Files.readString(err).contains("keys: stopping") && p.isAlive()) {
                Thread.sleep(20);
            }
            p.toHandle().destroy(); // TERM again
            assertTrue(p.waitFor(5, TimeUnit.SECONDS), "still running after a second TERM");
            assertEquals(1, p.exitValue(), Files.readString(err));
            assertTrue(!Files.readString(err).contains("keys: stopped"), Files.readString(err));
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
