package keys.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Each server owns its clock and randomness (test-mode.md §2, §3.8): no source under modules/
 * but {@code keys.domain.Sources} may read the system clock or a random generator, so a seeded
 * server cannot be reached by a stray draw and two servers in one JVM share neither.
 */
class SourcesRuleTest {
    /** test-mode.md §3.8's list; {@code System.nanoTime} durations are allowed. */
    static final Pattern FORBIDDEN = Pattern.compile("SecureRandom|new Random\\(|ThreadLocalRandom|SplittableRandom"
            + "|RandomGenerator|Math\\.random|System\\.currentTimeMillis|\\.now\\(|Clock\\.system|UUID\\.randomUUID");
    static final Path OWNER = Path.of("keys.domain", "keys", "domain", "Sources.java");

    @Test
    void onlySourcesReadsTheClockOrARandomGenerator() throws IOException {
        Path modules = Path.of(System.getProperty("keys.root", ".")).resolve("modules");
        List<Path> readers;
        try (Stream<Path> files = Files.walk(modules)) {
            readers = files.filter(p -> p.toString().endsWith(".java")).filter(SourcesRuleTest::reads)
                    .map(modules::relativize).sorted().toList();
        }
        assertEquals(List.of(OWNER), readers, "only Sources may read a clock or randomness");
    }

    private static boolean reads(Path file) {
        try {
            return FORBIDDEN.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
