package keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys serve --test-mode}'s usage errors (test-mode.md §1), as the command line reports them. */
class TestModeServeTest {
    @TempDir
    Path tmp;

    private static int serve(Map<String, String> env, ByteArrayOutputStream err, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--listen";
        all[args.length + 2] = "127.0.0.1:0";
        return Main.run(all, env, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void seedClockAndFixtureNeedTestModeAndTestModeRefusesData() {
        Map<List<String>, String> named = new LinkedHashMap<>();
        named.put(List.of("--in-memory", "--seed", "1"), "--seed");
        named.put(List.of("--in-memory", "--clock", "2026-01-01T00:00:00Z"), "--clock");
        named.put(List.of("--in-memory", "--fixture", tmp.resolve("f").toString()), "--fixture");
        named.put(List.of("--test-mode", "--data", tmp.toString()), "--data");
        named.put(List.of("--test-mode", "--seed", "one"), "--seed");
        named.put(List.of("--test-mode", "--clock", "tomorrow"), "--clock");
        named.forEach((args, flag) -> {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = serve(Map.of(), err, args.toArray(String[]::new));
            String text = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, code, args + ": " + text);
            assertTrue(text.contains(flag), args + ": " + text);
        });
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, serve(Map.of("KEYS_SEED", "1"), err, "--in-memory"), "KEYS_SEED counts as --seed: " + err);
        ByteArrayOutputStream env = new ByteArrayOutputStream();
        assertEquals(2, serve(Map.of("KEYS_TEST_MODE", "yes"), env, "--data", tmp.toString()),
                "KEYS_TEST_MODE counts as --test-mode: " + env);
    }
}
