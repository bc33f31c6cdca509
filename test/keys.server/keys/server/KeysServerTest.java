package keys.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keys.domain.Secrets;
import keys.store.FsyncPolicy;
import keys.store.Store;
import keys.store.StoreOptions;

/** What {@link KeysServer.Builder#start()} checks, and what a failed start leaves behind: nothing. */
class KeysServerTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    @TempDir
    Path tmp;

    @Test
    void aPortInUseLeavesNoAdminTokenNoUserAndNoLock() throws Exception {
        Path data = tmp.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            KeysServer.Builder b = KeysServer.builder().dataDirectory(data).fsync(FsyncPolicy.NEVER)
                    .listen(new InetSocketAddress("127.0.0.1", taken.getLocalPort()));
            KeysServerException e = assertThrows(KeysServerException.class, b::start);
            assertFalse(e instanceof KeysServerConfigException, "a port in use is no usage error");
            assertTrue(e.getMessage().contains(Integer.toString(taken.getLocalPort())), e.getMessage());
        }
        assertFalse(Files.exists(data.resolve("admin-token")), "no admin-token minted");
        try (Store store = Store.open(data, StoreOptions.defaults())) { // and the lock was let go
            assertTrue(store.state().users().isEmpty(), "no user written");
        }
    }

    @Test
    void aStoreThatDoesNotOpenLeavesThePortFree() throws Exception {
        Path data = tmp.resolve("held");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (Store held = Store.open(data, StoreOptions.defaults())) { // the port is bound while the store opens
            KeysServer.Builder b = KeysServer.builder().dataDirectory(data).fsync(FsyncPolicy.NEVER)
                    .listen(new InetSocketAddress("127.0.0.1", port));
            KeysServerException e = assertThrows(KeysServerException.class, b::start);
            assertTrue(e.getMessage().contains("another store"), e.getMessage());
        }
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void contradictionsAreConfigurationErrorsNamingTheFlags() {
        assertConfig("--data", KeysServer.builder().inMemory().dataDirectory(tmp));
        assertConfig("--fsync", KeysServer.builder().inMemory().fsync(FsyncPolicy.ALWAYS));
        assertConfig("--compact-threshold", KeysServer.builder().inMemory().compactThreshold(1 << 20));
        assertConfig("--in-memory", KeysServer.builder());
        assertConfig("--compact-threshold", KeysServer.builder().dataDirectory(tmp).compactThreshold(100));
        assertConfig("--audit-retention-days", KeysServer.builder().inMemory().auditRetentionDays(30));
        assertConfig("--audit-retention-days", KeysServer.builder().dataDirectory(tmp).auditRetentionDays(-1));
        assertConfig("KEYS_ADMIN_TOKEN", KeysServer.builder().inMemory().adminToken("sntryu_short"));
        assertConfig("--url-prefix", KeysServer.builder().dataDirectory(tmp).urlPrefix("http://a b"));
        assertFalse(Files.exists(tmp.resolve("admin-token")), "nothing minted for a bad URL prefix");
    }

    /** {@code --url-prefix example.com} once started a server whose every DSN had no host. */
    @Test
    void urlSettingsMeetTheUrlRuleWithTheCliMessages() {
        Path data = tmp.resolve("urls");
        assertConfig("keys serve: --url-prefix 'example.com' has no scheme",
                KeysServer.builder().dataDirectory(data).urlPrefix("example.com"));
        assertConfig("keys serve: --ingest-url 'https://ingest.example.com/?a=1' has a query",
                KeysServer.builder().dataDirectory(data).ingestUrl("https://ingest.example.com/?a=1"));
        assertConfig("keys serve: --js-sdk-loader-cdn-url 'https://u:p@cdn.example.com/' carries user info",
                KeysServer.builder().dataDirectory(data).jsSdkLoaderCdnUrl("https://u:p@cdn.example.com/"));
        assertConfig("keys serve: --url-prefix 'https://keys.example.com/#x' has a fragment",
                KeysServer.builder().inMemory().urlPrefix("https://keys.example.com/#x"));
        assertFalse(Files.exists(data), "nothing opened for a bad URL");
        try (KeysServer keys = KeysServer.builder().inMemory().listen(ANY_PORT).urlPrefix("https://keys.example.com/base/")
                .ingestUrl("http://keys_ingest:9000").start()) {
            assertEquals("https://keys.example.com/base", keys.url().toString());
        }
    }

    @Test
    void demoOnADirectoryWithDataSaysItIsIgnored() {
        Path data = tmp.resolve("demo");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(err, true, StandardCharsets.UTF_8);
        KeysServer.Builder b = KeysServer.builder().dataDirectory(data).fsync(FsyncPolicy.NEVER).listen(ANY_PORT)
                .demo(true).console(console, console);
        try (KeysServer first = b.start()) {
            assertTrue(first.state().organizationBySlug("demo").isPresent());
        }
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("ignored"), err.toString(StandardCharsets.UTF_8));
        err.reset();
        try (KeysServer second = b.start()) {
            assertEquals(1, second.state().organizations().size(), "no second demo");
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("keys: --demo ignored: " + data + " already holds"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void inMemoryPrintsAMintedAdminTokenOnceAndKeepsNoFiles() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(err, true, StandardCharsets.UTF_8);
        try (KeysServer keys = KeysServer.builder().inMemory().listen(ANY_PORT).console(console, console).start()) {
            assertNull(keys.dataDirectory());
            assertTrue(Secrets.isUserToken(keys.adminToken()), keys.adminToken());
            Matcher m = Pattern.compile("sntryu_[0-9a-f]{64}").matcher(err.toString(StandardCharsets.UTF_8));
            assertTrue(m.find() && m.group().equals(keys.adminToken()), err.toString(StandardCharsets.UTF_8));
            assertFalse(m.find(), "printed once");
            assertEquals("http://127.0.0.1:" + keys.port(), keys.url().toString(), "the real port in the URL");
        }
    }

    @Test
    void aGivenAdminTokenIsReturnedAndNothingIsMinted() {
        String given = "sntryu_" + "ab".repeat(32);
        try (KeysServer keys = KeysServer.builder().inMemory().listen(ANY_PORT).adminToken(given).start()) {
            assertEquals(given, keys.adminToken());
            assertEquals(1, keys.state().users().size());
        }
    }

    private static void assertConfig(String names, KeysServer.Builder b) {
        KeysServerConfigException e = assertThrows(KeysServerConfigException.class, () -> b.listen(ANY_PORT).start().close());
        assertTrue(e.getMessage().contains(names), e.getMessage());
    }
}
