package keys.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import keys.testing.ReadmeBlocks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Embed" example, run as printed (its data directory moved to a temporary one) as a
 * single-file program with the built modules on the module path, as a consumer would.
 */
class ReadmeEmbedTest {
    @TempDir
    Path tmp;

    @Test
    void theEmbedExampleRunsAsPrinted() throws Exception {
        String block = ReadmeBlocks.first("## Embed", "java");
        Path source = tmp.resolve("EmbedExample.java");
        Files.writeString(source, block.replace("/var/lib/keys", tmp.resolve("data").toString()));
        Path out = tmp.resolve("out.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", System.getProperty("keys.modules"), "--add-modules", "keys.server", source.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String text = Files.readString(out);
        assertTrue(finished, text);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("organizations: []"), text);
        assertTrue(text.contains("serving https://keys.example.com on port "), text);
        assertTrue(Files.exists(tmp.resolve("data").resolve("admin-token")), "the appliance's minted admin token");
    }
}
