package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLockTest {
    @TempDir
    Path tmp;

    /** The holder's line is written over the last one's; a longer one left before is cut, not kept in part. */
    @Test
    void theLockFileNamesOnlyTheCurrentHolder() throws IOException {
        Path dir = tmp.resolve("held");
        Store.open(dir, Fixtures.FAST).close();
        Path lock = dir.resolve(DataDir.LOCK);
        String mine = "pid " + ProcessHandle.current().pid() + "\n";
        assertEquals(mine, Files.readString(lock, StandardCharsets.US_ASCII));
        Files.writeString(lock, "pid 4194304999999\nand more\n", StandardCharsets.US_ASCII);
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            assertEquals(mine, Files.readString(lock, StandardCharsets.US_ASCII), "while " + store.directory() + " is held");
        }
    }

    @Test
    void aSecondOpenerInTheSameProcessIsRefusedNamingTheDirectory() {
        Path dir = tmp.resolve("data");
        try (Store first = Store.open(dir, Fixtures.FAST)) {
            StoreLockedException e = assertThrows(StoreLockedException.class, () -> Store.open(dir, Fixtures.FAST));
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
            assertEquals(dir, e.directory());
            // The refused attempt must not have released the first store's lock.
            assertThrows(StoreLockedException.class, () -> Store.open(dir, Fixtures.FAST));
            Fixtures.seed(first);
        }
        try (Store again = Store.open(dir, Fixtures.FAST)) {
            assertEquals(1, again.state().organizations().size());
        }
    }

    @Test
    void anotherProcessIsRefusedNamingThePid() throws Exception {
        Path dir = tmp.resolve("shared");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", classPath(),
                LockHolder.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("locked"), "child said " + line);
            StoreLockedException e = assertThrows(StoreLockedException.class, () -> Store.open(dir, Fixtures.FAST));
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + child.pid()), e.getMessage());
            // Neither check nor a failed import may take the directory from under the holder.
            assertTrue(Store.check(dir).ok(), Store.check(dir).describe());
            assertThrows(StoreLockedException.class, () -> Store.importInto(dir,
                    new java.io.ByteArrayInputStream(new byte[0]), Fixtures.FAST));
        } finally {
            child.getOutputStream().close();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not exit");
        }
        assertEquals(0, child.exitValue());
        try (Store mine = Store.open(dir, Fixtures.FAST)) {
            assertEquals(dir, mine.directory());
        }
    }

    /** JUnit's launcher loads tests through its own class loader: collect where our classes came from. */
    private static String classPath() throws Exception {
        StringBuilder cp = new StringBuilder();
        for (Class<?> c : List.of(LockHolder.class, Store.class, keys.domain.Organization.class, keys.json.Json.class)) {
            if (!cp.isEmpty()) {
                cp.append(java.io.File.pathSeparator);
            }
            cp.append(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        return cp.toString();
    }

    @Test
    void theDirectoryIsPrivateAndSoAreItsFiles() throws IOException {
        Path dir = tmp.resolve("a/b/data");
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            long project = Fixtures.seed(store);
            Fixtures.addKey(store, project);
            store.compact();
            Fixtures.addKey(store, project);
        }
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.toList();
        }
        assertTrue(files.size() >= 3, files.toString()); // LOCK, a snapshot, a log
        for (Path f : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
    }
}
