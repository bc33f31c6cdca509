package keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's failures, through {@link Main}: the {@code keys CMD:} prefix, the exit code
 * (2 for usage, 1 for the rest) and the cause in the words the operating system uses.
 */
class ErrorMessagesTest {
    @TempDir
    Path tmp;

    record Row(int code, String cause, String... args) { }

    @Test
    void everyFailureNamesItsCommandAndItsCause() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path data = tmp.resolve("data");
        assertEquals(0, MainTest.run(Map.of(), "token", "create", "--data", data.toString(), "--user", "a@b.io",
                "--scopes", "org:read").code());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int closed = closedPort();
            String under = file.resolve("sub").toString(); // a path no one can create: its parent is a file
            List<Row> rows = new ArrayList<>(List.of(
                    new Row(1, "Not a directory", "serve", "--data", under, "--listen", "127.0.0.1:0"),
                    new Row(1, "127.0.0.1:" + taken.getLocalPort() + ": Address already in use",
                            "serve", "--in-memory", "--listen", "127.0.0.1:" + taken.getLocalPort()),
                    new Row(1, "unknown host nosuchhost.invalid", "serve", "--in-memory", "--listen", "nosuchhost.invalid:9000"),
                    new Row(2, "--url-prefix 'example.com' has no scheme", "serve", "--in-memory", "--url-prefix", "example.com"),
                    new Row(2, "--fsync must be", "serve", "--data", data.toString(), "--fsync", "sometimes"),
                    new Row(2, "--access-log takes true or false", "serve", "--in-memory", "--access-log", "maybe"),
                    new Row(1, "No such file or directory", "import", "--data", tmp.resolve("new").toString(),
                            tmp.resolve("missing.jsonl").toString()),
                    new Row(1, "No such file or directory", "export", "--data", data.toString(), "--out",
                            tmp.resolve("no-dir").resolve("x.jsonl").toString()),
                    new Row(1, "Not a directory", "export", "--data", data.toString(), "--out", under),
                    new Row(1, "no data directory at", "check", "--data", tmp.resolve("nothing").toString()),
                    new Row(1, "Not a directory", "token", "create", "--data", under, "--user", "a@b.io", "--scopes", "org:read"),
                    new Row(2, "--user needs a valid email", "token", "create", "--data", data.toString(), "--scopes", "org:read"),
                    new Row(1, "no data directory at", "repair", "--data", tmp.resolve("nothing").toString()),
                    new Row(1, "not ready: cannot reach http://127.0.0.1:" + closed + "/readyz: Connection refused",
                            "health", "--url", "http://127.0.0.1:" + closed),
                    new Row(1, "unknown host nosuchhost.invalid", "health", "--url", "http://nosuchhost.invalid:9000"),
                    new Row(1, "Read timed out", "health", "--url", "http://127.0.0.1:" + silent.getLocalPort()),
                    new Row(2, "--url 'example.com' has no scheme", "health", "--url", "example.com")));
            if (!"root".equals(System.getProperty("user.name"))) { // root may write anywhere
                Path readOnly = Files.createDirectory(tmp.resolve("read-only"),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-x------")));
                rows.add(new Row(1, "Permission denied", "serve", "--data", readOnly.toString(), "--listen", "127.0.0.1:0"));
                rows.add(new Row(1, "Permission denied", "serve", "--data", readOnly.resolve("sub").toString(),
                        "--listen", "127.0.0.1:0"));
                rows.add(new Row(1, "Permission denied", "export", "--data", data.toString(), "--out",
                        readOnly.resolve("x.jsonl").toString()));
            }
            for (Row row : rows) {
                MainTest.Outcome o = MainTest.run(Map.of(), row.args());
                String what = String.join(" ", row.args()) + " -> " + o.code() + " " + o.err();
                assertEquals(row.code(), o.code(), what);
                assertTrue(o.err().startsWith("keys " + row.args()[0] + ": ")
                        || o.err().startsWith("keys " + row.args()[0] + " create: "), what);
                assertTrue(o.err().lines().allMatch(l -> l.startsWith("keys")), what);
                assertTrue(o.err().contains(row.cause()), what);
                assertTrue(!o.err().contains("null") && !o.err().contains("Exception"), what);
            }
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
