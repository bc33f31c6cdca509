package keys.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import keys.testing.ReadmeBlocks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.console.ConsoleLauncher;

/**
 * The README's JUnit example, compiled and run as printed, as a consumer's build would: against the
 * built jars ({@code -Dkeys.modules}, keys-junit's included) on the class path, with the JUnit
 * console launcher that runs this suite.
 */
class ReadmeJUnitTest {
    @TempDir
    Path tmp;

    @Test
    void theJUnitExampleCompilesAndPasses() throws Exception {
        String block = example();
        Matcher name = Pattern.compile("class (\\w+)").matcher(block);
        assertTrue(name.find(), block);
        Path source = Files.writeString(tmp.resolve(name.group(1) + ".java"), block);

        Path console = Path.of(ConsoleLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> classPath = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("keys.modules")))) {
            jars.map(Path::toString).filter(jar -> jar.endsWith(".jar")).sorted().forEach(classPath::add);
        }
        assertTrue(classPath.stream().anyMatch(jar -> jar.contains("keys-junit-")), "keys-junit is built: " + classPath);
        Path classes = tmp.resolve("classes");
        run(tool("javac"), "-Xlint:all", "-Werror", "-d", classes.toString(), "-cp",
                String.join(File.pathSeparator, classPath) + File.pathSeparator + console, source.toString());
        classPath.add(classes.toString());
        String out = run(tool("java"), "-jar", console.toString(), "execute", "--disable-banner",
                "--disable-ansi-colors", "--details=summary", "--class-path", String.join(File.pathSeparator, classPath),
                "--select-class", name.group(1));
        assertTrue(out.contains("[         0 tests failed          ]"), out);
        Matcher ok = Pattern.compile("\\[ *(\\d+) tests successful *\\]").matcher(out);
        assertTrue(ok.find() && Integer.parseInt(ok.group(1)) > 0, out);
    }

    /** The first Java block of the README's JUnit section. */
    static String example() throws IOException {
        return ReadmeBlocks.first("### JUnit", "java");
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private String run(String... command) throws Exception {
        Path log = Files.createTempFile(tmp, "log", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertTrue(finished, String.join(" ", command) + " did not finish:\n" + out);
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }
}
