package keys.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fixture inside a jar (a test-support artifact, say) is read from a temporary copy that is gone once started. */
class RunningServerTest {
    @TempDir
    Path tmp;

    @Test
    void aFixtureInAJarIsServedAndItsCopyIsDeleted() throws Exception {
        KeysServerTest settings = FixtureTest.class.getAnnotation(KeysServerTest.class);
        Path jar = tmp.resolve("fixtures.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(settings.fixture()));
            out.write(Files.readAllBytes(Path.of(FixtureTest.class.getResource("acme.jsonl").toURI())));
        }
        List<Path> copiesBefore = fixtureCopies();
        try (URLClassLoader onlyTheJar = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
                RunningServer running = RunningServer.start(settings, onlyTheJar)) {
            List<Map<String, Object>> keys = new Api(running.server()).list("/api/0/organizations/acme/project-keys/");
            assertEquals(List.of(FixtureTest.FIXTURE_PUBLIC_KEY), keys.stream().map(k -> k.get("public")).toList());
            assertEquals(copiesBefore, fixtureCopies());
        }
    }

    private static List<Path> fixtureCopies() throws IOException {
        List<Path> copies = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")),
                "keys-fixture*.jsonl")) {
            dir.forEach(copies::add);
        }
        return copies.stream().sorted().toList();
    }
}
