package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.UseCase;

/** Small worlds for store tests: an organization with a project, keys added one write at a time. */
final class Fixtures {
    static final StoreOptions FAST = StoreOptions.defaults().withFsync(FsyncPolicy.NEVER);
    /** Every audit entry of an organization, newest first. */
    static final AuditQuery ALL_AUDIT = new AuditQuery(0, 0, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, false, 0,
            Integer.MAX_VALUE);

    private Fixtures() {
    }

    static String hex(long v) {
        return ChangeGens.hex(v) + ChangeGens.hex(~v);
    }

    /** A key whose public value is hex(id) and secret hex(~id): no value is ever another key's, as the API ensures. */
    static ClientKey key(long id, long projectId) {
        return new ClientKey(id, projectId, "key " + id, hex(id), hex(~id), true, 1_700_000_000_000_000L + id,
                0, 0, null, LoaderOption.DEFAULTS, UseCase.USER);
    }

    /** A new organization "o", created at {@code createdMicros}: its id. */
    static long organization(Store store, long createdMicros) {
        return store.write(tx -> {
            long id = tx.nextId();
            tx.add(new Change.PutOrganization(new Organization(id, "o", "O", createdMicros, false, null)));
            return id;
        });
    }

    /** Writes an organization and a project; returns the project's id. */
    static long seed(Store store) {
        return store.write(tx -> {
            long org = tx.nextId();
            long project = tx.nextId();
            tx.add(new Change.PutOrganization(new Organization(org, "org-" + org, "Org " + org, 1, true, null)));
            tx.add(new Change.PutProject(new Project(project, org, "p-" + project, "Project", null, 2, List.of())));
            return project;
        });
    }

    /** One write adding one key; returns its id. */
    static long addKey(Store store, long projectId) {
        return store.write(tx -> {
            long id = tx.nextId();
            tx.add(new Change.PutKey(key(id, projectId)));
            return id;
        });
    }

    /** {@code count} writes, each adding one key. */
    static void addKeys(Store store, long projectId, int count) {
        for (int i = 0; i < count; i++) {
            addKey(store, projectId);
        }
    }

    /** Waits (up to a minute, so only a hang fails) for a background compaction to have finished. */
    static void awaitCompaction(Store store) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (store.stats().compactions() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    static void assertSameState(State expected, State actual) {
        assertEquals(expected.lastId(), actual.lastId(), "lastId");
        assertEquals(expected.asChanges(), actual.asChanges());
    }

    /** The project id of the first project in a state seeded by {@link #seed}. */
    static long projectOf(State s) {
        return s.asChanges().stream().filter(c -> c instanceof Change.PutProject)
                .map(c -> ((Change.PutProject) c).project().id()).findFirst().orElseThrow();
    }

    static Path onlyLog(Path dir) throws IOException {
        List<DataDir.Numbered> logs = DataDir.logs(dir);
        assertEquals(1, logs.size(), "log segments in " + dir);
        return logs.getFirst().file();
    }

    /** Every frame of a log ({@code LOG_MAGIC}) or snapshot file, which must hold no torn tail. */
    static List<LogDecoder.Frame> frames(Path file, byte[] magic, long firstSeq) throws IOException {
        List<LogDecoder.Frame> out = new java.util.ArrayList<>();
        try (LogDecoder d = LogDecoder.open(file, magic, firstSeq)) {
            for (LogDecoder.Frame f; (f = d.next()) != null; ) {
                out.add(f);
            }
        } catch (TornTailException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /** Frame offsets of a log: offsets[i] is where record i starts; the last entry is the end. */
    static long[] frameOffsets(Path log, long firstSeq) throws IOException {
        try (LogDecoder d = LogDecoder.open(log, LogFormat.LOG_MAGIC, firstSeq)) {
            java.util.ArrayList<Long> out = new java.util.ArrayList<>();
            for (LogDecoder.Frame f; (f = d.next()) != null; ) {
                out.add(f.offset());
            }
            out.add(d.goodEnd());
            return out.stream().mapToLong(Long::longValue).toArray();
        } catch (TornTailException e) {
            throw new AssertionError(e);
        }
    }

    /** The state as {@code keys export} writes it. */
    static byte[] exportBytes(State s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Store.export(s, out);
        return out.toByteArray();
    }

    /** A committed fixture: {@code test/keys.store/fixtures/SET/NAME}. */
    static Path committed(String set, String name) {
        return Path.of(System.getProperty("keys.root", "."), "test", "keys.store", "fixtures", set, name);
    }

    /** A copy of a committed data directory, private (0700) as the store wants it. */
    static Path copyDataDir(Path from, Path to) throws IOException {
        Path copy = copy(from, to);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
        return copy;
    }

    /** Copies a data directory's files (not the lock holder's state: LOCK is just a file). */
    static Path copy(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes), offset);
        }
    }

    static byte readByte(Path file, long offset) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, offset);
            return b.get(0);
        }
    }
}
