package keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import keys.testing.ReadmeBlocks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "First five minutes" block, run as printed (another port and data directory), twice. */
class ReadmeTest {
    @TempDir
    Path tmp;

    @Test
    void firstFiveMinutesWorksAsPrinted() throws Exception {
        int port = KeysProcess.freePort();
        String script = ReadmeBlocks.bashScript(ReadmeBlocks.first("## First five minutes", "bash")
                .replace("9000", Integer.toString(port))
                .replace("/tmp/keys-demo", tmp.resolve("demo").toString())
                .replace("keys health", "keys health --listen 127.0.0.1:" + port));
        Path file = tmp.resolve("five-minutes.sh");
        Files.writeString(file, script);
        for (int run = 1; run <= 2; run++) { // twice: the block starts from a clean directory, as a reader repeats it
            Path log = tmp.resolve("out-" + run + ".txt");
            Process p = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean finished = p.waitFor(120, TimeUnit.SECONDS);
            String out = Files.readString(log);
            if (!finished) {
                p.destroyForcibly();
            }
            assertTrue(finished, out);
            assertEquals(0, p.exitValue(), "run " + run + ": " + out);
            assertTrue(out.contains("\"name\":\"Release builds\""), out);
            assertTrue(out.contains("rel=\"next\""), out);
        }
    }
}
