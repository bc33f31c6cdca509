package keys.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import keys.json.JsonWriter;

/**
 * {@code --ready-file} (test-mode.md §1): once the server answers, {@code {"url":…,"port":N}} plus
 * the admin token when this start minted or was given it, written whole or not at all (a temp file
 * with mode 0600 beside it, then a rename), so a harness that sees the file can read all of it.
 */
final class ReadyFile {
    private ReadyFile() {
    }

    static void write(Path file, String url, int port, String adminToken) throws IOException {
        JsonWriter json = new JsonWriter(256).beginObject().name("url").value(url).name("port").value(port);
        if (adminToken != null) {
            json.name("adminToken").value(adminToken);
        }
        byte[] bytes = json.endObject().toByteArray();
        Path dir = file.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        Bootstrap.writeSecretFile(temp, new String(bytes, java.nio.charset.StandardCharsets.UTF_8) + "\n");
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
