package keys.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * interface.md §7 from the command line: {@code keys export} beside a running server (another
 * process holding the directory), the offline commands refusing meanwhile, and {@code keys repair}.
 */
class BackupRepairCommandTest {
    @TempDir
    Path tmp;

    private static MainTest.Outcome run(String... args) {
        return MainTest.run(Map.of(), args);
    }

    private static String superuserToken(Path data) {
        MainTest.Outcome t = run("token", "create", "--data", data.toString(), "--user", "root@example.com",
                "--superuser", "--scopes", "org:read,org:write,org:admin");
        assertEquals(0, t.code(), t.err());
        return t.out().strip();
    }

    @Test
    void exportRunsBesideARunningServerWhileTheOfflineCommandsRefuse() throws Exception {
        Path data = tmp.resolve("live");
        String token = superuserToken(data);
        Path file = tmp.resolve("export.jsonl");
        try (KeysProcess server = KeysProcess.start(data, Map.of())) {
            var created = server.send("POST", "/api/0/organizations/", token, "{\"name\":\"Acme\",\"slug\":\"acme\"}");
            assertEquals(201, created.statusCode(), created.body());

            MainTest.Outcome export = run("export", "--data", data.toString(), "--out", file.toString());
            assertEquals(0, export.code(), export.err());
            assertTrue(Files.readString(file).contains("\"slug\":\"acme\""), "an acknowledged write is in the export");
            var http = server.get("/backup", token);
            assertEquals(200, http.statusCode(), http.body());
            assertEquals(Files.readString(file), http.body(), "GET /backup and keys export give the same state");

            for (String[] offline : List.of(new String[] {"compact"}, new String[] {"repair"},
                    new String[] {"repair", "--yes"}, new String[] {"import", file.toString()})) {
                List<String> args = new ArrayList<>(List.of(offline));
                args.addAll(List.of("--data", data.toString()));
                MainTest.Outcome o = run(args.toArray(String[]::new));
                assertEquals(1, o.code(), String.join(" ", offline) + ": " + o.out() + o.err());
                assertTrue(o.err().contains("in use by another process"), o.err());
            }
            assertEquals(0, server.terminate());
        }
        Path restored = tmp.resolve("restored");
        assertEquals(0, run("import", "--data", restored.toString(), file.toString()).code());
        assertEquals(0, run("check", "--data", restored.toString()).code());
    }

    @Test
    void repairCutsADamagedLogAndTheServerStartsAgain() throws Exception {
        Path data = tmp.resolve("damaged");
        for (int i = 0; i < 20; i++) {
            assertEquals(0, run("token", "create", "--data", data.toString(), "--user", "u" + i + "@example.com",
                    "--scopes", "org:read").code());
        }
        Path whole = tmp.resolve("whole.jsonl");
        assertEquals(0, run("export", "--data", data.toString(), "--out", whole.toString()).code());
        Path log;
        try (Stream<Path> files = Files.list(data)) {
            log = files.filter(f -> f.getFileName().toString().matches("log-\\d+\\.log")).findFirst().orElseThrow();
        }
        long[] frames = frames(Files.readAllBytes(log));
        long bad = frames[frames.length / 2];
        byte[] b = Files.readAllBytes(log);
        b[(int) bad + 20] ^= 0x01;
        Files.write(log, b);
        assertEquals(1, run("check", "--data", data.toString()).code());
        Map<String, byte[]> before = bytes(data);

        MainTest.Outcome dry = run("repair", "--data", data.toString());
        assertEquals(1, dry.code(), dry.out() + dry.err());
        assertTrue(dry.out().contains(log + " at byte offset " + bad + ": checksum mismatch"), dry.out());
        assertTrue(dry.out().contains("would cut " + log.getFileName() + " at byte offset " + bad), dry.out());
        assertTrue(dry.out().contains("put token: "), dry.out());
        assertEquals(before.keySet(), bytes(data).keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, bytes(data).get(name), name));

        MainTest.Outcome yes = run("repair", "--yes", "--data", data.toString());
        assertEquals(0, yes.code(), yes.out() + yes.err());
        assertTrue(Files.exists(log.resolveSibling(log.getFileName() + ".cut-" + bad)));
        assertEquals(0, run("check", "--data", data.toString()).code());
        MainTest.Outcome again = run("repair", "--data", data.toString());
        assertEquals(0, again.code());
        assertTrue(again.out().contains("no damage"), again.out());

        Path after = tmp.resolve("after.jsonl");
        assertEquals(0, run("export", "--data", data.toString(), "--out", after.toString()).code());
        List<String> kept = Files.readAllLines(after);
        List<String> original = Files.readAllLines(whole);
        assertTrue(kept.size() > 2 && kept.size() < original.size(), kept.size() + " of " + original.size());
        for (String line : kept.subList(1, kept.size())) { // the meta line's lastId may differ
            assertTrue(original.contains(line), "invented or altered: " + line);
        }
        try (KeysProcess server = KeysProcess.start(data, Map.of())) {
            assertEquals(200, server.get("/readyz", null).statusCode());
            assertEquals(0, server.terminate());
        }
    }

    /** Frame offsets of a log file (8-byte header, then length, crc, seq, payload). */
    private static long[] frames(byte[] log) {
        List<Long> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(log);
        for (int p = 8; p < log.length; p += 16 + b.getInt(p)) {
            out.add((long) p);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static Map<String, byte[]> bytes(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            Map<String, byte[]> out = new TreeMap<>();
            for (Path p : (Iterable<Path>) files::iterator) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
