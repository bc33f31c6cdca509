package keys.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import keys.server.KeysServer;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** One test class's server, started from its {@link KeysServerTest} settings; closed with the class. */
record RunningServer(KeysServer server, KeysServerTest settings) implements AutoCloseable {
    /** Starts it; a fixture resource is looked up through {@code classes} (the test class's loader). */
    static RunningServer start(KeysServerTest settings, ClassLoader classes) {
        KeysServer.Builder builder = KeysServer.builder().testMode().listen(new InetSocketAddress("127.0.0.1", 0));
        if (settings.seed() != KeysServerTest.NO_SEED) {
            builder.seed(settings.seed());
        }
        if (!settings.clock().isEmpty()) {
            builder.clock(clock(settings.clock()));
        }
        if (settings.fixture().isEmpty()) {
            return new RunningServer(builder.start(), settings);
        }
        URL resource = classes.getResource(settings.fixture().replaceFirst("^/", ""));
        if (resource == null) {
            Path file = Path.of(settings.fixture());
            if (!Files.isRegularFile(file)) {
                throw new ExtensionConfigurationException("@KeysServerTest(fixture = \"" + settings.fixture()
                        + "\"): no such class-path resource or file");
            }
            return new RunningServer(builder.fixture(file).start(), settings);
        }
        if (resource.getProtocol().equals("file")) {
            return new RunningServer(builder.fixture(file(resource)).start(), settings);
        }
        // In a jar: the server reads its fixture once, at start, so a temporary copy serves.
        Path copy = copy(resource);
        try {
            return new RunningServer(builder.fixture(copy).start(), settings);
        } finally {
            delete(copy);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private static Instant clock(String iso) {
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            throw new ExtensionConfigurationException("@KeysServerTest(clock = \"" + iso
                    + "\"): not an ISO-8601 instant such as 2026-01-01T00:00:00Z", e);
        }
    }

    private static Path file(URL resource) {
        try {
            return Path.of(resource.toURI());
        } catch (URISyntaxException e) {
            throw new ExtensionConfigurationException("fixture " + resource + ": not a file", e);
        }
    }

    private static Path copy(URL resource) {
        Path copy = null;
        try (InputStream in = resource.openStream()) {
            copy = Files.createTempFile("keys-fixture", ".jsonl");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            delete(copy);
            throw new UncheckedIOException("fixture " + resource, e);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
