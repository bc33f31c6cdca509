package keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's contract: exit codes, one-line usage errors, flags from the environment. */
class MainTest {
    @TempDir
    Path tmp;

    record Outcome(int code, String out, String err) { }

    static Outcome run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionAndHelp() {
        Outcome v = run(Map.of(), "version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("keys " + Main.VERSION), v.out());
        Outcome help = run(Map.of(), "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("serve") && help.out().contains("token create"), help.out());
        Outcome serveHelp = run(Map.of(), "serve", "--help");
        assertEquals(0, serveHelp.code());
        assertTrue(serveHelp.out().contains("--url-prefix") && serveHelp.out().contains("KEYS_URL_PREFIX"));
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        for (String[] args : new String[][] {{"serve", "--bogus"}, {"frobnicate"}, {"serve", "--listen"},
                {"serve", "--listen", "nope"}, {"serve", "--listen", "127.0.0.1:99999"}, {"token", "create"},
                {"import"}, {"serve", "--rate-limits=maybe"}}) {
            Outcome o = run(Map.of(), args);
            assertEquals(2, o.code(), String.join(" ", args) + ": " + o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
        }
    }

    /**
     * A stray word is refused, not ignored: {@code --superuser false} once made a superuser, since
     * {@code false} fell away as an extra argument. Nothing is written to the data directory.
     */
    @Test
    void everyCommandRefusesAStrayArgument() {
        Path data = tmp.resolve("stray");
        for (String[] args : new String[][] {
                {"token", "create", "--data", data.toString(), "--user", "a@b.io", "--scopes", "org:read", "--superuser", "false"},
                {"token", "create", "extra", "--data", data.toString(), "--user", "a@b.io", "--scopes", "org:read"},
                {"health", "http://127.0.0.1:1"}, {"version", "now"}, {"check", "--data", data.toString(), "x"}}) {
            Outcome o = run(Map.of(), args);
            assertEquals(2, o.code(), String.join(" ", args) + ": " + o.out() + o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
            assertTrue(o.err().contains("unexpected argument"), o.err());
        }
        assertFalse(Files.exists(data), "a refused command leaves no data directory");
        assertEquals(0, run(Map.of(), "version", "--help").code());
    }

    @Test
    void noCommandIsAUsageErrorWithTheHelpOnStderr() {
        Outcome o = run(Map.of());
        assertEquals(2, o.code());
        assertEquals("", o.out());
        assertTrue(o.err().contains("Commands:"), o.err());
        Outcome token = run(Map.of(), "token", "--help");
        assertEquals(0, token.code(), token.err());
        assertTrue(token.out().contains("keys token create"), token.out());
    }

    @Test
    void aBadAccessLogValueIsAUsageError() {
        Outcome o = run(Map.of("KEYS_ACCESS_LOG", "maybe", "KEYS_DATA", tmp.resolve("d").toString()), "serve");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--access-log"), o.err());
        assertFalse(Files.exists(tmp.resolve("d")), "nothing was opened");
    }

    @Test
    void readingCommandsRefuseAMissingDirectoryInsteadOfCreatingIt() {
        Path typo = tmp.resolve("no-such-data");
        for (String command : new String[] {"export", "check", "compact"}) {
            Outcome o = run(Map.of(), command, "--data", typo.toString());
            assertEquals(1, o.code(), command + ": " + o.err());
            assertTrue(o.err().contains("no data directory at " + typo), o.err());
            assertEquals("", o.out(), command + " printed nothing");
            assertFalse(Files.exists(typo), command + " created " + typo);
        }
    }

    /** interface.md §5: a torn tail cut on open is reported, not silently dropped. */
    @Test
    void aTornTailCutOnOpenIsReported() throws Exception {
        Path data = tmp.resolve("torn");
        assertEquals(0, run(Map.of(), "token", "create", "--data", data.toString(), "--user", "a@b.io",
                "--scopes", "org:read").code());
        Path log;
        try (var files = Files.list(data)) {
            log = files.filter(f -> f.getFileName().toString().startsWith("log-")).findFirst().orElseThrow();
        }
        Files.write(log, new byte[] {0, 0, 0, 9, 1, 2}, java.nio.file.StandardOpenOption.APPEND);
        Outcome o = run(Map.of(), "compact", "--data", data.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains("keys compact: cut a torn tail of " + log.getFileName()), o.err());
    }

    @Test
    void healthAsksLoopbackOnlyForAWildcardListenAddress() {
        assertEquals("http://127.0.0.1:9000", HealthCommand.baseUrl("0.0.0.0:9000"));
        assertEquals("http://[::1]:9000", HealthCommand.baseUrl("[::]:9000"));
        assertEquals("http://10.0.0.0:9000", HealthCommand.baseUrl("10.0.0.0:9000"));
        assertEquals("http://keys.internal:9000", HealthCommand.baseUrl("keys.internal:9000"));
    }

    /** A PrintStream keeps write errors to itself: an export cut short must not exit 0. */
    @Test
    void anExportThatCannotBeWrittenFails() throws Exception {
        Path data = tmp.resolve("exp");
        assertEquals(0, run(Map.of(), "token", "create", "--data", data.toString(), "--user", "a@b.io",
                "--scopes", "org:read").code());
        java.io.OutputStream broken = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("no space left on device");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"export", "--data", data.toString()}, Map.of(), new PrintStream(broken),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("export is incomplete"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void healthRefusesSomethingThatIsNotAUrl() {
        Outcome o = run(Map.of(), "health", "--url", "not a url");
        assertEquals(2, o.code(), o.err());
    }

    @Test
    void badFsyncFromTheEnvironmentIsAUsageError() {
        Outcome o = run(Map.of("KEYS_FSYNC", "sometimes", "KEYS_DATA", tmp.resolve("d").toString()), "serve");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--fsync"), o.err());
    }

    @Test
    void tokenCreateThenExportShowsOnlyTheHash() throws Exception {
        Path data = tmp.resolve("data");
        Outcome t = run(Map.of(), "token", "create", "--data", data.toString(), "--user", "Ops@Example.com",
                "--scopes", "org:read,project:read");
        assertEquals(0, t.code(), t.err());
        String token = t.out().strip();
        assertTrue(keys.domain.Secrets.isUserToken(token), token);
        Outcome export = run(Map.of("KEYS_DATA", data.toString()), "export");
        assertEquals(0, export.code(), export.err());
        assertTrue(export.out().contains(keys.domain.Secrets.sha256Hex(token)));
        assertTrue(export.out().contains("ops@example.com"));
        assertFalse(export.out().contains(token));
        for (Path f : Files.list(data).toList()) {
            if (Files.isRegularFile(f)) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(token), f.toString());
            }
        }
        Outcome bad = run(Map.of(), "token", "create", "--data", data.toString(), "--user", "a@b.io", "--scopes", "org:nope");
        assertEquals(2, bad.code());
    }

    @Test
    void checkAndCompactOnAFreshDirectory() {
        Path data = tmp.resolve("fresh");
        assertEquals(0, run(Map.of(), "token", "create", "--data", data.toString(), "--user", "a@b.io",
                "--scopes", "org:read").code());
        Outcome check = run(Map.of(), "check", "--data", data.toString());
        assertEquals(0, check.code(), check.out() + check.err());
        assertEquals(0, run(Map.of(), "compact", "--data", data.toString()).code());
        assertEquals(0, run(Map.of(), "check", "--data", data.toString()).code());
    }

    @Test
    void importRefusesANonEmptyDirectory() throws Exception {
        Path data = tmp.resolve("full");
        assertEquals(0, run(Map.of(), "token", "create", "--data", data.toString(), "--user", "a@b.io",
                "--scopes", "org:read").code());
        Path file = tmp.resolve("export.jsonl");
        assertEquals(0, run(Map.of(), "export", "--data", data.toString(), "--out", file.toString()).code());
        Outcome again = run(Map.of(), "import", "--data", data.toString(), file.toString());
        assertEquals(1, again.code(), again.err());
        Path empty = tmp.resolve("empty");
        assertEquals(0, run(Map.of(), "import", "--data", empty.toString(), file.toString()).code());
        Path file2 = tmp.resolve("export2.jsonl");
        assertEquals(0, run(Map.of(), "export", "--data", empty.toString(), "--out", file2.toString()).code());
        assertEquals(Files.readString(file), Files.readString(file2));
    }
}
