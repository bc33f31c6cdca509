package keys.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The source tree under test (found through -Dkeys.root), what build.sh declares, and running its commands. */
final class Checkout {
    /** What a build reads: everything but the tests, the build output and the docs. */
    private static final List<String> SOURCES = List.of("build.sh", "jlink.conf", "VERSION", "modules");

    final Path root;

    Checkout(Path root) {
        this.root = root;
    }

    static Checkout live() {
        return new Checkout(Path.of(System.getProperty("keys.root", ".")).toAbsolutePath());
    }

    /** A fresh copy of the sources in {@code dir}, with new file times and no build output. */
    Checkout copyTo(Path dir) throws IOException {
        for (String name : SOURCES) {
            Path from = root.resolve(name);
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    Path to = dir.resolve(root.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                        to.toFile().setLastModified(System.currentTimeMillis());
                    }
                }
            }
        }
        return new Checkout(dir);
    }

    /** build.sh's MODULES array: the modules every build compiles and packs. */
    List<String> modules() throws IOException {
        return declared("MODULES");
    }

    private List<String> declared(String array) throws IOException {
        Matcher m = Pattern.compile("(?m)^" + array + "=\\(([^)]*)\\)").matcher(Files.readString(root.resolve("build.sh")));
        assertTrue(m.find(), "build.sh declares " + array + "=(...)");
        return Arrays.asList(m.group(1).trim().split("\\s+"));
    }

    /** build.sh's TEST_SUPPORT_MODULES: built by {@code test} and {@code install} only. */
    List<String> testSupportModules() throws IOException {
        return declared("TEST_SUPPORT_MODULES");
    }

    /** build.sh's JUNIT_VERSION: the JUnit the tests run on and keys-junit's POM names. */
    String junitVersion() throws IOException {
        Matcher m = Pattern.compile("(?m)^JUNIT_VERSION=(\\S+)$").matcher(Files.readString(root.resolve("build.sh")));
        assertTrue(m.find(), "build.sh declares JUNIT_VERSION=...");
        return m.group(1);
    }

    String version() throws IOException {
        return Files.readString(root.resolve("VERSION")).strip();
    }

    /** keys.cli -> keys-cli-VERSION.jar */
    String jarName(String module) throws IOException {
        return "keys-" + module.substring("keys.".length()) + "-" + version() + ".jar";
    }

    Path jar(String module) throws IOException {
        return root.resolve("build/jars").resolve(jarName(module));
    }

    /** Runs {@code ./build.sh ARGS} here; fails the test with its output unless it exits 0. */
    String build(Map<String, String> env, String... args) throws Exception {
        String[] cmd = Stream.concat(Stream.of("./build.sh"), Arrays.stream(args)).toArray(String[]::new);
        return run(root, env, cmd);
    }

    static String run(Path dir, Map<String, String> env, String... cmd) throws Exception {
        Path log = Files.createTempFile("keys-build", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean done = p.waitFor(15, TimeUnit.MINUTES);
            if (!done) {
                p.destroyForcibly();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(done, String.join(" ", cmd) + " did not finish:\n" + out);
            assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The JDK running the tests, for {@code java}/{@code jar} in a test. */
    static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }
}
