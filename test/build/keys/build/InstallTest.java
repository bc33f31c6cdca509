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
    static Path tmp;

    /** One install serves every test: it is the slow part (a full build into a fresh repository). */
    private static Path installedRepo;

    @Test
    void mavenResolvesTheTopLibraryModuleWithEverythingBelowIt() throws Exception {
        assumeTrue(onPath("mvn"), "mvn is not on PATH: skipping the Maven resolve of an installed keys-server");
        Checkout live = Checkout.live();
        String version = live.version();
        Path repo = install(live);
        List<String> installed = new ArrayList<>(live.modules());
        installed.addAll(live.testSupportModules());
        for (String module : installed) {
            String artifact = "keys-" + module.substring("keys.".length());
            Path dir = repo.resolve("keys").resolve(artifact);
            assertTrue(Files.isRegularFile(dir.resolve(version).resolve(artifact + "-" + version + ".jar")), artifact);
            assertTrue(Files.isRegularFile(dir.resolve(version).resolve(artifact + "-" + version + ".pom")), artifact);
            assertTrue(Files.readString(dir.resolve("maven-metadata-local.xml")).contains("<version>" + version + "</version>"));
        }

        // keys-server once keys.server exists; until then keys-http is the top of the library.
        String top = live.modules().contains("keys.server") ? "keys-server" : "keys-http";
        List<String> expected = LIBRARY.subList(0, LIBRARY.indexOf(top) + 1).stream()
                .map(artifact -> "keys:" + artifact + ":" + version).toList();
        assertEquals(sorted(expected), sorted(resolve(repo, "keys", top, version)));
    }

    /** test-mode.md §4: keys-junit's POM names keys-server and the JUnit Jupiter API the tests use. */
    @Test
    void mavenResolvesKeysJunitWithKeysServerAndJupiterApi() throws Exception {
        assumeTrue(onPath("mvn"), "mvn is not on PATH: skipping the Maven resolve of an installed keys-junit");
        Checkout live = Checkout.live();
        String version = live.version();
        Path repo = install(live);
        List<String> resolved = resolve(repo, "keys", "keys-junit", version);
        for (String artifact : LIBRARY) {
            assertTrue(resolved.contains("keys:" + artifact + ":" + version), artifact + " in " + resolved);
        }
        assertTrue(resolved.contains("org.junit.jupiter:junit-jupiter-api:" + live.junitVersion()), resolved.toString());
        assertTrue(resolved.stream().noneMatch(d -> d.startsWith("keys:keys-cli:")), "the CLI is no dependency: " + resolved);
    }

    private static synchronized Path install(Checkout live) throws Exception {
        if (installedRepo == null) {
            Path into = tmp.resolve("repository");
            live.build(Map.of("KEYS_M2_REPO", into.toString()), "install");
            installedRepo = into;
        }
        return installedRepo;
    }

    /**
     * What Maven resolves offline for a project depending on GROUP:ARTIFACT:VERSION, as
     * group:artifact:version, every one compile scope; the keys ones from {@code repo}.
     */
    private List<String> resolve(Path repo, String group, String artifact, String version) throws Exception {
        Path consumer = Files.createDirectories(tmp.resolve("consumer-" + artifact));
        Files.writeString(consumer.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>consumer</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <dependencies>
                    <dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version></dependency>
                  </dependencies>
                </project>
                """.formatted(group, artifact, version));
        // Offline: Maven's own plugin (and JUnit's jars) come from the local repository build.sh
        // fetched them into, read as a file:// mirror; nothing goes to the network.
        Path userRepo = Path.of(System.getProperty("user.home"), ".m2", "repository");
        Files.writeString(consumer.resolve("settings.xml"), """
                <settings>
                  <mirrors>
                    <mirror><id>fetched-by-build-sh</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(userRepo.toUri()));
        Path listed = consumer.resolve("dependencies.txt");
        String out = Checkout.run(consumer, Map.of(), "mvn", "-o", "-q", "-B", "-s", "settings.xml",
                "-Daether.offline.protocols=file", "-Dmaven.repo.local=" + repo,
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list",
                "-DoutputFile=" + listed, "-DoutputAbsoluteArtifactFilename=true");

        List<String> resolved = new ArrayList<>();
        for (String line : Files.readAllLines(listed)) {
            String[] parts = line.strip().split(":");
            if (parts.length >= 6) {
                assertEquals("compile", parts[4], out + line);
                if (parts[0].equals("keys")) {
                    assertTrue(Path.of(parts[5].split(" ")[0]).startsWith(repo), "resolved from the installed repository: " + line);
                }
                resolved.add(parts[0] + ":" + parts[1] + ":" + parts[3]);
            }
        }
        return resolved;
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
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
