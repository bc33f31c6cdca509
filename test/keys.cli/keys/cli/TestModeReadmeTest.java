package keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import keys.testing.ReadmeBlocks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's shell example of "Test with keys", run as printed (with its own ready file). */
class TestModeReadmeTest {
    @TempDir
    Path tmp;

    @Test
    void theShellExampleWorksAsPrinted() throws Exception {
        String script = ReadmeBlocks.bashScript(ReadmeBlocks.first("## Test with keys", "bash")
                .replace("/tmp/keys-ready.json", tmp.resolve("ready.json").toString())
                .replace("build/image/bin/keys", KeysProcess.launcher().toAbsolutePath().toString()))
                + "echo EXAMPLE-OK\n";
        Path file = tmp.resolve("test-mode.sh");
        Files.writeString(file, script);
        Process p = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.txt").toFile()).start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        String out = Files.readString(tmp.resolve("out.txt"));
        if (!finished) {
            p.destroyForcibly();
        }
        assertTrue(finished, out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("EXAMPLE-OK"), out);
        assertTrue(out.contains("\"id\":\"f1\""), out);
    }
}
