package keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys serve --audit-retention-days N} / {@code KEYS_AUDIT_RETENTION_DAYS}: a bad value is a usage error. */
class AuditRetentionFlagTest {
    @TempDir
    Path tmp;

    @Test
    void badValuesFromTheFlagOrTheEnvironmentAreUsageErrors() {
        for (String bad : List.of("x", "-1", "1.5", "", "1000001", "99999999999")) {
            assertUsageError(new String[] {"serve", "--data", tmp.toString(), "--listen", "127.0.0.1:0",
                    "--audit-retention-days=" + bad}, Map.of());
            if (!bad.isEmpty()) { // an empty variable counts as unset, as for every flag
                assertUsageError(new String[] {"serve", "--data", tmp.toString(), "--listen", "127.0.0.1:0"},
                        Map.of("KEYS_AUDIT_RETENTION_DAYS", bad));
            }
        }
        String help = run(new String[] {"serve", "--help"}, Map.of()).out;
        assertTrue(help.contains("--audit-retention-days") && help.contains("KEYS_AUDIT_RETENTION_DAYS"), help);
    }

    private static void assertUsageError(String[] args, Map<String, String> env) {
        Ran r = run(args, env);
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("--audit-retention-days"), r.err);
        assertEquals(1, r.err.lines().count(), r.err);
    }

    private record Ran(int code, String out, String err) {
    }

    private static Ran run(String[] args, Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
