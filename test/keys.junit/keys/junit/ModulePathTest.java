package keys.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keys.junit as a module, as a modular test suite uses it: {@code requires keys.junit} alone reaches
 * JUnit's API and {@code KeysServer}, and JUnit (org.junit.platform.commons) may instantiate the
 * package-private extension. Module path: the built jars ({@code -Dkeys.modules}) and JUnit's
 * modular jars ({@code -Dkeys.junit.modules}, from build.sh).
 */
class ModulePathTest {
    @TempDir
    Path tmp;

    @Test
    void aTestModuleThatRequiresOnlyKeysJunitCompiles() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("example"));
        Files.writeString(src.resolve("module-info.java"), "module example { requires keys.junit; requires java.net.http; }\n");
        Files.writeString(src.resolve("example/ProvisioningTest.java"), "package example;\n\n" + ReadmeJUnitTest.example());
        List<String> javac = List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(), "-Xlint:all",
                "-Werror", "-p", modulePath(), "-d", tmp.resolve("out").toString(),
                src.resolve("module-info.java").toString(), src.resolve("example/ProvisioningTest.java").toString());
        Path log = tmp.resolve("javac.txt");
        Process p = new ProcessBuilder(javac).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "javac finished");
        assertEquals(0, p.exitValue(), Files.readString(log));
    }

    @Test
    void junitInstantiatesTheExtensionThroughTheModulesOpens() throws Exception {
        ModuleFinder finder = ModuleFinder.of(Arrays.stream(modulePath().split(File.pathSeparator)).map(Path::of)
                .toArray(Path[]::new));
        Configuration configuration = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(),
                Set.of("keys.junit"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration,
                ClassLoader.getPlatformClassLoader());
        Class<?> extension = layer.findLoader("keys.junit").loadClass("keys.junit.KeysServerExtension");
        assertTrue(extension.getModule().isNamed(), extension.getModule().toString());
        Class<?> reflection = layer.findLoader("org.junit.platform.commons")
                .loadClass("org.junit.platform.commons.support.ReflectionSupport");
        Object instance = reflection.getMethod("newInstance", Class.class, Object[].class).invoke(null, extension,
                new Object[0]);
        assertEquals(extension, instance.getClass());
    }

    /** The built keys jars (keys-junit's among them) and JUnit's modular jars. */
    private static String modulePath() throws Exception {
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("keys.modules")))) {
            String keys = String.join(File.pathSeparator, jars.map(Path::toString).filter(j -> j.endsWith(".jar")).sorted()
                    .toList());
            String junit = System.getProperty("keys.junit.modules");
            assertTrue(junit != null && !junit.isEmpty(), "build.sh passes -Dkeys.junit.modules");
            return keys + File.pathSeparator + junit;
        }
    }
}
