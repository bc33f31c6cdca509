package keys.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedding as a consumer does it: test/consumer is a module that {@code requires keys.server},
 * compiled with plain {@code javac -p} against the built modules ({@code -Dkeys.modules}) and run
 * with {@code java -p}. build.sh's class-path test build leaves test/consumer out.
 */
class ConsumerModuleTest {
    @TempDir
    Path tmp;

    @Test
    void aConsumerModuleCompilesAndRunsAgainstKeysServer() throws Exception {
        String modules = System.getProperty("keys.modules");
        assertTrue(modules != null && Files.isDirectory(Path.of(modules.split(java.io.File.pathSeparator)[0])),
                "-Dkeys.modules names the built modules: " + modules);
        Path root = Path.of(System.getProperty("keys.root", ".")).resolve("test/consumer");
        List<String> javac = new ArrayList<>(List.of(tool("javac"), "-Xlint:all", "-Werror", "-p", modules,
                "-d", tmp.resolve("out").toString()));
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> javac.add(p.toString()));
        }
        assertEquals(0, run(javac), "javac");
        String modulePath = modules + java.io.File.pathSeparator + tmp.resolve("out");
        Path data = tmp.resolve("data");
        assertEquals(0, run(List.of(tool("java"), "-p", modulePath, "-m", "keys.consumer/keys.consumer.Consumer",
                data.toString())), "the consumer's checks");
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private int run(List<String> command) throws IOException, InterruptedException {
        Path log = tmp.resolve("log.txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        System.out.print(Files.readString(log, StandardCharsets.UTF_8));
        return p.exitValue();
    }
}
