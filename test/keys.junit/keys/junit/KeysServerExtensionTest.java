package keys.junit;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import keys.server.KeysServer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * test-mode.md §4: {@link KeysServerTest}'s settings and lifecycle, seen from outside. The sample
 * classes below run in launcher sessions of their own ({@link SampleRun}) and note what they saw.
 */
class KeysServerExtensionTest {
    private static final Map<String, Object> SEEN = new ConcurrentHashMap<>();
    private static final String START = "2026-01-01T00:00:00Z";

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    @Test
    void eachTestStartsFromTheStartStateUnlessResetBeforeEachIsFalse() {
        SampleRun.passes(Map.of(), ResetSample.class, NoResetSample.class);
        assertEquals(List.of(), SEEN.get("ResetSample"));
        assertEquals(List.of("acme"), SEEN.get("NoResetSample"));
    }

    @Test
    void theSameSeedAndClockGiveTwoClassesTheSameKeysAndAnotherSeedOthers() {
        SampleRun.passes(Map.of(), SeedA.class, SeedB.class, OtherSeed.class);
        assertEquals(SEEN.get("SeedA"), SEEN.get("SeedB"));
        assertNotEquals(SEEN.get("SeedA"), SEEN.get("OtherSeed"));
    }

    @Test
    void twoClassesRunningInParallelShareNothingAndEachServerIsClosedAfterItsClass() throws Exception {
        ParallelSample.bothRunning = new CountDownLatch(2);
        SampleRun.passes(Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"), ParallelA.class, ParallelB.class);
        int a = (int) SEEN.get("ParallelA");
        int b = (int) SEEN.get("ParallelB");
        assertNotEquals(a, b);
        for (int port : List.of(a, b)) {
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                    "closed after its class: port " + port);
        }
    }

    @Test
    void aPerClassInstanceGetsTheServerInItsConstructorToo() {
        SampleRun.passes(Map.of(), PerClassSample.class);
    }

    @Test
    void aFixtureMayBeAFilePath() {
        assumeTrue(Files.isRegularFile(Path.of(FilePathFixture.PATH)), "the tests run from the checkout's root");
        SampleRun.passes(Map.of(), FilePathFixture.class);
    }

    @Test
    void aBadClockOrAMissingFixtureFailsTheClassNamingTheAttribute() {
        assertConfigurationError("@KeysServerTest(clock = \"yesterday\")", BadClock.class);
        assertConfigurationError("@KeysServerTest(fixture = \"no/such/fixture.jsonl\")", MissingFixture.class);
    }

    private static void assertConfigurationError(String expected, Class<?> sample) {
        TestExecutionSummary summary = SampleRun.run(Map.of(), sample);
        assertEquals(1, summary.getFailures().size(), sample.getSimpleName());
        Throwable error = summary.getFailures().getFirst().getException();
        assertInstanceOf(ExtensionConfigurationException.class, error);
        assertTrue(error.getMessage().startsWith(expected), error.getMessage());
    }

    /** Creates an organization in its first test and notes, in its second, the organizations it sees. */
    @ExtendWith(SampleRun.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    abstract static class TwoTestsSample {
        @Test
        @Order(1)
        void createsAnOrganization(KeysServer keys) {
            new Api(keys).organizationWithAKey("acme");
        }

        @Test
        @Order(2)
        void notesWhatTheNextTestSees(KeysServer keys) {
            SEEN.put(getClass().getSimpleName(), new Api(keys).organizationSlugs());
        }
    }

    @KeysServerTest
    static class ResetSample extends TwoTestsSample {
    }

    @KeysServerTest(resetBeforeEach = false)
    static class NoResetSample extends TwoTestsSample {
    }

    /** Notes the key values and dates a seeded server invents. */
    @ExtendWith(SampleRun.class)
    abstract static class SeededSample {
        @Test
        void notesTheDefaultKey(KeysServer keys) {
            assertEquals(Instant.parse(START), keys.clock());
            Map<String, Object> key = new Api(keys).organizationWithAKey("acme");
            SEEN.put(getClass().getSimpleName(), List.of(key.get("public"), key.get("secret"), key.get("dateCreated")));
        }
    }

    @KeysServerTest(seed = 42, clock = START)
    static class SeedA extends SeededSample {
    }

    @KeysServerTest(seed = 42, clock = START)
    static class SeedB extends SeededSample {
    }

    @KeysServerTest(seed = 43, clock = START)
    static class OtherSeed extends SeededSample {
    }

    /** Both classes create the same organization (a shared server would answer the second 409), then wait for each other. */
    @ExtendWith(SampleRun.class)
    @Execution(ExecutionMode.CONCURRENT)
    abstract static class ParallelSample {
        static volatile CountDownLatch bothRunning;

        @Test
        void createsWhatItsTwinCreates(KeysServer keys) throws InterruptedException {
            Api api = new Api(keys);
            api.organizationWithAKey("twins");
            SEEN.put(getClass().getSimpleName(), keys.port());
            bothRunning.countDown();
            assertTrue(bothRunning.await(30, SECONDS), "the twin class runs at the same time");
            assertEquals(List.of("twins"), api.organizationSlugs());
        }
    }

    @KeysServerTest(seed = 7)
    static class ParallelA extends ParallelSample {
    }

    @KeysServerTest(seed = 7)
    static class ParallelB extends ParallelSample {
    }

    @KeysServerTest
    @ExtendWith(SampleRun.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassSample {
        private final KeysServer keys;

        PerClassSample(KeysServer keys) {
            this.keys = keys;
        }

        @Test
        void theSameServer(KeysServer server) {
            assertSame(keys, server);
        }
    }

    @KeysServerTest(fixture = FilePathFixture.PATH)
    @ExtendWith(SampleRun.class)
    static class FilePathFixture {
        static final String PATH = "test/keys.junit/keys/junit/acme.jsonl";

        @Test
        void servesIt(KeysServer keys) {
            assertEquals(List.of("acme"), new Api(keys).organizationSlugs());
        }
    }

    @KeysServerTest(clock = "yesterday")
    @ExtendWith(SampleRun.class)
    static class BadClock {
        @Test
        void neverRuns() {
        }
    }

    @KeysServerTest(fixture = "no/such/fixture.jsonl")
    @ExtendWith(SampleRun.class)
    static class MissingFixture {
        @Test
        void neverRuns() {
        }
    }
}
