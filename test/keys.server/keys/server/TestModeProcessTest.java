package keys.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keys.testing.Gen;
import keys.testing.Source;

/**
 * test-mode.md §2 across JVMs: two {@code keys serve --test-mode} processes from the image, with
 * the same flags and the same requests, answer byte for byte alike (no hash-salted iteration order
 * reaches an answer), and learn their port through {@code --ready-file}.
 */
class TestModeProcessTest {
    private static final Pattern READY = Pattern.compile(
            "\\{\"url\":\"http://keys\\.test\",\"port\":(\\d+),\"adminToken\":\"(sntryu_[0-9a-f]{64})\"}\n");

    @TempDir
    Path tmp;

    record Started(Process process, int port, String token, Path stderr) {
    }

    private Started launch(String name) throws Exception {
        Path ready = tmp.resolve(name + ".json");
        Path err = tmp.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("keys.image", "build/image"), "bin", "keys")
                .toString(), "serve", "--test-mode", "--seed", "42", "--clock", "2026-01-01T00:00:00Z",
                "--url-prefix", "http://keys.test",
                "--listen", "127.0.0.1:0", "--ready-file", ready.toString(), "--access-log", "false")
                .redirectError(err.toFile()).redirectOutput(tmp.resolve(name + ".out").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("KEYS_"));
        pb.environment().put("KEYS_DATA", tmp.resolve("never-created").toString());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(ready) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(ready), "no ready file: " + Files.readString(err));
        Matcher m = READY.matcher(Files.readString(ready));
        assertTrue(m.matches(), Files.readString(ready));
        return new Started(p, Integer.parseInt(m.group(1)), m.group(2), err);
    }

    @Test
    void twoProcessesWithTheSameFlagsAnswerTheSameRequestsAlike() throws Exception {
        Gen<List<RequestScript>> gen = RequestScript.sequences(60);
        List<RequestScript> steps = new ArrayList<>(gen.generate(Source.random(20261202L)));
        Started a = launch("a");
        try {
            Started b = launch("b");
            try {
                assertEquals(a.token(), b.token(), "the admin token derives from the seed");
                assertEquals(RequestScript.run(a.port(), a.token(), steps), RequestScript.run(b.port(), b.token(), steps));
                String err = Files.readString(a.stderr());
                assertTrue(err.contains("test mode"), err);
                assertTrue(err.contains("KEYS_DATA"), err);
                assertTrue(!Files.exists(tmp.resolve("never-created")), "no data directory");
            } finally {
                b.process().destroy();
            }
        } finally {
            a.process().destroy();
        }
    }
}
