package keys.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
        Path root = Path.of(System.getProperty("keys.root", "."));
        String readme = Files.readString(root.resolve("README.md"));
        int section = readme.indexOf("## Embed");
        assertTrue(section >= 0, "README has no Embed section");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
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
