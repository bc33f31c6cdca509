package keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the container relies on, without a container engine: the linked image runs from a bare
 * copy, with no JDK on PATH, read-only, as an unprivileged user writing only its data directory;
 * and {@code keys health} tells ready from not ready by exit code. And it stays small.
 */
class ImageTest {
    private static final double MIB = 1 << 20;

    @TempDir
    Path tmp;

    @Test
    void theImageHoldsOnlyTheJdkModulesKeysUses() throws Exception {
        Path image = KeysProcess.launcher().getParent().getParent();
        String modules = Files.readAllLines(image.resolve("release")).stream().filter(l -> l.startsWith("MODULES="))
                .findFirst().orElseThrow();
        List<String> jdk = Arrays.stream(modules.substring("MODULES=\"".length(), modules.length() - 1).split(" "))
                .filter(m -> !m.startsWith("keys.")).sorted().toList();
        assertEquals(List.of("java.base", "jdk.httpserver", "jdk.unsupported"), jdk);
        try (Stream<Path> bin = Files.list(image.resolve("bin"))) {
            assertEquals(List.of("java", "keys"), bin.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void theImageIsAtMost64MiBWithItsAotCache() throws Exception {
        double mib = bytes(KeysProcess.launcher().getParent().getParent()) / MIB;
        assertTrue(mib <= 64, "image with its AOT cache: " + mib + " MiB");
    }

    @Test
    void theImageWithoutItsAotCacheIsAtMost40MiBWhenNativeSymbolsAreStripped() throws Exception {
        assumeTrue(Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "strip"))),
                "no strip (binutils) on PATH: build.sh leaves the native symbol tables in, so 40 MiB is out of reach");
        Path image = KeysProcess.launcher().getParent().getParent();
        Path aot = image.resolve("lib/keys.aot");
        long cache = Files.exists(aot) ? Files.size(aot) : 0;
        double mib = (bytes(image) - cache) / MIB;
        assertTrue(mib <= 40, "image without its AOT cache: " + mib + " MiB");
    }

    /** Bytes as {@code du -sb} counts them: files and directories, apparent sizes. */
    private static long bytes(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            long sum = 0;
            for (Path p : (Iterable<Path>) all::iterator) {
                sum += Files.size(p);
            }
            return sum;
        }
    }

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
