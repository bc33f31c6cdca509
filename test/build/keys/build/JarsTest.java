package keys.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * embedding.md §1: one modular jar per module, versioned, with reproducible bytes — built twice
 * from two fresh copies of the sources (other paths, other file times), never from the live build/.
 * A plain build leaves out the test-support modules (keys-junit), which {@code install} adds.
 */
class JarsTest {
    @TempDir
    Path tmp;

    @Test
    void twoBuildsFromFreshCopiesWriteTheSameBytes() throws Exception {
        Checkout live = Checkout.live();
        Checkout first = live.copyTo(Files.createDirectory(tmp.resolve("a")));
        Checkout second = live.copyTo(Files.createDirectory(tmp.resolve("second-copy")));
        first.build(Map.of(), "jars");
        Thread.sleep(2100); // the second build's class files are newer, even at zip's 2 s resolution
        second.build(Map.of(), "jars");

        List<String> expected = new ArrayList<>();
        for (String module : live.modules()) {
            expected.add(live.jarName(module));
        }
        try (Stream<Path> jars = Files.list(first.root.resolve("build/jars"))) {
            assertEquals(expected.stream().sorted().toList(), jars.map(p -> p.getFileName().toString()).sorted().toList(),
                    "one jar per module of build.sh's MODULES");
        }
        for (String module : live.modules()) {
            assertArrayEquals(sha256(first.jar(module)), sha256(second.jar(module)), module + ": the same SHA-256 twice");
            assertSortedAndDated(first.jar(module));
        }

        // keys-junit (test-mode.md §4) is left out above, and built by install (with JUnit's jars).
        first.build(Map.of("KEYS_M2_REPO", tmp.resolve("repository-a").toString()), "install");
        second.build(Map.of("KEYS_M2_REPO", tmp.resolve("repository-b").toString()), "install");
        for (String module : live.testSupportModules()) {
            assertArrayEquals(sha256(first.jar(module)), sha256(second.jar(module)), module + ": the same SHA-256 twice");
            assertSortedAndDated(first.jar(module));
        }
    }

    @Test
    void theJarsRunAsModulesWithTheirVersionAndTheCliMainClass() throws Exception {
        Checkout live = Checkout.live();
        live.build(Map.of(), "jars");
        String out = Checkout.run(live.root, Map.of(), Checkout.jdkTool("java"), "--module-path",
                live.root.resolve("build/jars").toString(), "-m", "keys.cli", "version");
        assertTrue(out.startsWith("keys " + live.version() + " "), out);
        for (String module : live.modules()) {
            String described = Checkout.run(live.root, Map.of(), Checkout.jdkTool("jar"), "--describe-module", "--file",
                    live.jar(module).toString());
            assertTrue(described.startsWith(module + "@" + live.version() + " "), described);
        }
    }

    /** Entries in byte order after the manifest and module descriptor, all with one fixed time. */
    private static void assertSortedAndDated(Path jar) throws Exception {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> names = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            for (ZipEntry e : zip.stream().toList()) {
                times.add(e.getTime());
                if (!e.getName().startsWith("META-INF/") && !e.getName().equals("module-info.class")) {
                    names.add(e.getName());
                }
            }
            assertEquals(names.stream().sorted().toList(), names, jar + ": entries in order");
            assertEquals(1, times.stream().distinct().count(), jar + ": one time for every entry");
        }
    }

    private static byte[] sha256(Path file) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        System.out.println(file.getFileName() + " " + HexFormat.of().formatHex(digest));
        return digest;
    }
}
