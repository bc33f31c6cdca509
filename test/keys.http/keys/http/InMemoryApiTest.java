package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * The black-box HTTP tests once more, each against an in-memory store ({@code --in-memory}):
 * behaviour must not depend on the store kind. Left out: the tests about the files themselves
 * (store faults on the log's channels, import into a directory) and the soak.
 */
class InMemoryApiTest {
    static final List<Class<?>> API_TESTS = List.of(ErrorTableTest.class, HostileHttpTest.class,
            IsolationPropertyTest.class, MembersApiTest.class, MetricsTest.class, OpenApiConformanceTest.class,
            OrgKeysTest.class, OrganizationsApiTest.class, PaginationPropertyTest.class, ProjectKeysTest.class,
            ProjectsApiTest.class, RateLimitTest.class, RolesPropertyTest.class, SecretsNeverLeakTest.class,
            TeamsApiTest.class, TokensApiTest.class);

    @TestFactory
    Stream<DynamicTest> everyApiTestPassesInMemory() {
        return API_TESTS.stream().map(c -> DynamicTest.dynamicTest(c.getSimpleName(), () -> runInMemory(c)));
    }

    private static void runInMemory(Class<?> testClass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(testClass)).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        String before = System.getProperty(TestServer.STORE_KIND);
        System.setProperty(TestServer.STORE_KIND, "memory");
        try {
            LauncherFactory.create().execute(request, listener);
        } finally {
            if (before == null) {
                System.clearProperty(TestServer.STORE_KIND);
            } else {
                System.setProperty(TestServer.STORE_KIND, before);
            }
        }
        TestExecutionSummary summary = listener.getSummary();
        StringWriter failures = new StringWriter();
        summary.printFailuresTo(new PrintWriter(failures), 20);
        assertEquals(0, summary.getTotalFailureCount(), failures.toString());
        assertEquals(summary.getTestsFoundCount(), summary.getTestsSucceededCount() + summary.getTestsSkippedCount()
                + summary.getTestsAbortedCount(), "every test ran");
    }
}
