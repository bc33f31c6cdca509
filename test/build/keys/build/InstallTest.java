package keys.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * embedding.md §1: {@code ./build.sh install} writes a Maven repository that Maven itself resolves
 * offline, and a consumer that depends on the top library module gets the modules below it.
 */
class InstallTest {
    /** The library modules in dependency order (json ← domain ← store ← http ← server). */
    private static final List<String> LIBRARY = List.of("keys-json", "keys-domain", "keys-store", "keys-http",
            "keys-server");

    @TempDir
    Path tmp;

    @Test
    void mavenResolvesTheTopLibraryModuleWithEverythingBelowIt() throws Exception {
        assumeTrue(onPath("mvn"), "mvn is not on PATH: skipping the Maven resolve of an installed keys-server");
        Checkout live = Checkout.live();
        String version = live.version();
        Path repo = tmp.resolve("repository");
        live.build(Map.of("KEYS_M2_REPO", repo.toString()), "install");
        for (String module : live.modules()) {
            String artifact = "keys-" + module.substring("keys.".length());
            Path dir = repo.resolve("keys").resolve(artifact);
            assertTrue(Files.isRegularFile(dir.resolve(version).resolve(artifact + "-" + version + ".jar")), artifact);
            assertTrue(Files.isRegularFile(dir.resolve(version).resolve(artifact + "-" + version + ".pom")), artifact);
            assertTrue(Files.readString(dir.resolve("maven-metadata-local.xml")).contains("<version>" + version + "</version>"));
        }

        // keys-server once keys.server exists; until then keys-http is the top of the library.
        String top = live.modules().contains("keys.server") ? "keys-server" : "keys-http";
        List<String> expected = LIBRARY.subList(0, LIBRARY.indexOf(top) + 1);
        Path consumer = Files.createDirectory(tmp.resolve("consumer"));
        Files.writeString(consumer.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>consumer</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <dependencies>
                    <dependency><groupId>keys</groupId><artifactId>%s</artifactId><version>%s</version></dependency>
                  </dependencies>
                </project>
                """.formatted(top, version));
        // Offline: Maven's own plugin comes from the local repository build.sh fetched JUnit into,
        // read as a file:// mirror; nothing goes to the network.
        Path userRepo = Path.of(System.getProperty("user.home"), ".m2", "repository");
        Files.writeString(consumer.resolve("settings.xml"), """
                <settings>
                  <mirrors>
                    <mirror><id>fetched-by-build-sh</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(userRepo.toUri()));
        Path listed = tmp.resolve("dependencies.txt");
        String out = Checkout.run(consumer, Map.of(), "mvn", "-o", "-q", "-B", "-s", "settings.xml",
                "-Daether.offline.protocols=file", "-Dmaven.repo.local=" + repo,
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list",
                "-DoutputFile=" + listed, "-DoutputAbsoluteArtifactFilename=true");

        List<String> resolved = new ArrayList<>();
        for (String line : Files.readAllLines(listed)) {
            String[] parts = line.strip().split(":");
            if (parts.length >= 6 && parts[0].equals("keys")) {
                assertEquals(version, parts[3], line);
                assertEquals("compile", parts[4], line);
                assertTrue(Path.of(parts[5].split(" ")[0]).startsWith(repo), "resolved from the installed repository: " + line);
                resolved.add(parts[1]);
            }
        }
        assertEquals(expected.stream().sorted().toList(), resolved.stream().sorted().toList(), out + Files.readString(listed));
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
