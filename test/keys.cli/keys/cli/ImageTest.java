package keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the container relies on, without a container engine: the linked image runs from a bare
 * copy, with no JDK on PATH, read-only, as an unprivileged user writing only its data directory;
 * and {@code keys health} tells ready from not ready by exit code.
 */
class ImageTest {
    @TempDir
    Path tmp;

    @Test
    void aReadOnlyCopyRunsAsNobodyWithOnlyTheDataDirectoryWritable() throws Exception {
        Path image = tmp.resolve("image");
        run(List.of("cp", "-r", KeysProcess.launcher().getParent().getParent().toString(), image.toString()));
        run(List.of("chmod", "-R", "a-w", image.toString()));
        Path data = tmp.resolve("data");
        Files.createDirectory(data);
        List<String> asUser = new ArrayList<>();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            run(List.of("chown", "65534:65534", data.toString()));
            run(List.of("chmod", "o+x", tmp.toString()));
            asUser.addAll(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        int port = KeysProcess.freePort();
        List<String> serve = new ArrayList<>(asUser);
        serve.addAll(List.of(image.resolve("bin/keys").toString(), "serve", "--data", data.resolve("d").toString(),
                "--listen", "127.0.0.1:" + port));
        ProcessBuilder pb = new ProcessBuilder(serve).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("serve.log").toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        Process server = pb.start();
        try {
            String url = "http://127.0.0.1:" + port;
            int code = 1;
            for (int i = 0; i < 300 && code != 0; i++) {
                code = health(image, url);
                if (code != 0) {
                    Thread.sleep(50);
                }
            }
            assertEquals(0, code, Files.readString(tmp.resolve("serve.log")));
            assertTrue(Files.exists(data.resolve("d/admin-token")));
            assertFalse(Files.readString(tmp.resolve("serve.log")).contains("Exception"));
        } finally {
            server.destroy();
            assertTrue(server.waitFor(20, TimeUnit.SECONDS));
        }
        assertEquals(0, server.exitValue());
        assertEquals(1, health(image, "http://127.0.0.1:" + port), "nothing listens any more");
    }

    private static int health(Path image, String url) throws Exception {
        Process p = new ProcessBuilder(image.resolve("bin/keys").toString(), "health", "--url", url)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return p.exitValue();
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
    }
}
