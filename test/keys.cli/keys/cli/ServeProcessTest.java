package keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keys.domain.Secrets;

/** {@code keys serve} as a container runs it: bootstrap, demo, one server per directory, signals. */
class ServeProcessTest {
    static final String ADMIN = "sntryu_" + "0123456789abcdef".repeat(4);

    @TempDir
    Path tmp;

    @Test
    void adminTokenFromTheEnvironmentWorksAndIsNeverStoredInClear() throws Exception {
        Path data = tmp.resolve("data");
        try (KeysProcess p = KeysProcess.start(data, Map.of("KEYS_ADMIN_TOKEN", ADMIN))) {
            assertEquals(200, p.get("/api/0/organizations/", ADMIN).statusCode());
            assertEquals(401, p.get("/api/0/organizations/", ADMIN.replace('0', '1')).statusCode());
            assertEquals(0, p.terminate());
            assertFalse(p.stderr().contains(ADMIN), "token in the log");
        }
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE), Files.getPosixFilePermissions(data));
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(ADMIN), f.toString());
            }
        }
    }

    @Test
    void firstStartMintsAnAdminTokenIntoAPrivateFile() throws Exception {
        Path data = tmp.resolve("data");
        try (KeysProcess p = KeysProcess.start(data, Map.of())) {
            Path file = data.resolve("admin-token");
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(file));
            String token = Files.readString(file).strip();
            assertTrue(Secrets.isUserToken(token));
            assertEquals(200, p.get("/api/0/organizations/", token).statusCode());
            assertTrue(p.stderr().contains(file.toString()), p.stderr());
            assertFalse(p.stderr().contains(token));
        }
    }

    /** Behind a proxy the public URL is not the address bound: the banner says both, apart. */
    @Test
    void theBannerSaysTheAddressItListensOnAndApartThePublicUrl() throws Exception {
        try (KeysProcess p = KeysProcess.start(tmp.resolve("data"), Map.of("KEYS_ADMIN_TOKEN", ADMIN),
                "--url-prefix", "https://keys.example.com")) {
            String address = p.url.substring("http://".length());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!p.stderr().contains("URL prefix") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<String> lines = p.stderr().lines().toList();
            assertTrue(lines.stream().anyMatch(l -> l.matches("keys \\S+: listening on " + Pattern.quote(address) + " \\(data .*")),
                    p.stderr());
            assertTrue(lines.contains("keys: URL prefix https://keys.example.com (Link headers and DSNs)"), p.stderr());
        }
    }

    @Test
    void aSecondServerOnTheSameDirectoryExitsAtOnce() throws Exception {
        Path data = tmp.resolve("data");
        try (KeysProcess first = KeysProcess.start(data, Map.of("KEYS_ADMIN_TOKEN", ADMIN))) {
            KeysProcess second = KeysProcess.launch(data, Map.of("KEYS_ADMIN_TOKEN", ADMIN));
            assertTrue(second.process.waitFor(20, TimeUnit.SECONDS));
            assertEquals(1, second.process.exitValue());
            assertTrue(second.stderr().contains(data.toString()), second.stderr());
            second.close();
            assertEquals(200, first.get("/healthz", null).statusCode());
        }
    }

    @Test
    void sigtermFinishesCleanlyAndKeepsAcknowledgedWrites() throws Exception {
        Path data = tmp.resolve("data");
        List<String> created = new ArrayList<>();
        try (KeysProcess p = KeysProcess.start(data, Map.of("KEYS_ADMIN_TOKEN", ADMIN), "--demo")) {
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> r = p.send("POST", "/api/0/projects/demo/api/keys/", ADMIN, "{\"name\":\"k" + i + "\"}");
                assertEquals(201, r.statusCode(), r.body());
                Matcher m = Pattern.compile("\"public\":\"([0-9a-f]{32})\"").matcher(r.body());
                assertTrue(m.find());
                created.add(m.group(1));
            }
            assertEquals(0, p.terminate());
            assertTrue(p.stderr().contains("stopped"), p.stderr());
        }
        try (KeysProcess p = KeysProcess.start(data, Map.of("KEYS_ADMIN_TOKEN", ADMIN))) {
            String body = p.get("/api/0/projects/demo/api/keys/", ADMIN).body();
            for (String key : created) {
                assertTrue(body.contains(key), key);
            }
        }
    }

    @Test
    void demoPrintsATokenAndCommandsThatWork() throws Exception {
        Path data = tmp.resolve("data");
        try (KeysProcess p = KeysProcess.start(data, Map.of(), "--demo")) {
            String out = p.stdout();
            Matcher m = Pattern.compile("(sntryu_[0-9a-f]{64})").matcher(out);
            assertTrue(m.find(), out);
            String token = m.group(1);
            HttpResponse<String> list = p.get("/api/0/organizations/demo/project-keys/", token);
            assertEquals(200, list.statusCode(), list.body());
            assertTrue(list.body().startsWith("[{\"id\":"), list.body());
            List<String> curls = out.lines().map(String::strip).filter(l -> l.startsWith("curl ")).toList();
            assertEquals(3, curls.size(), out);
            if (Files.isExecutable(Path.of("/usr/bin/curl"))) {
                for (String curl : curls) {
                    Process c = new ProcessBuilder("bash", "-c", curl.replace("curl ", "curl -sf -o /dev/null "))
                            .inheritIO().start();
                    assertEquals(0, c.waitFor(), curl);
                }
            }
        }
    }
}
