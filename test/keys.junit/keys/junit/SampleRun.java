package keys.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Sample test classes ({@code @ExtendWith(SampleRun.class)}) run only in a launcher session of
 * their own, started by a test of the suite that then looks at what they did; the suite's own scan
 * finds them disabled.
 */
final class SampleRun implements ExecutionCondition {
    private static final String PARAMETER = "keys.junit.sample";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER).isPresent()
                ? ConditionEvaluationResult.enabled("in a sample run")
                : ConditionEvaluationResult.disabled("a sample: runs inside a test's own launcher session");
    }

    /** Runs these classes with these configuration parameters; the summary. */
    static TestExecutionSummary run(Map<String, String> configuration, Class<?>... classes) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(classes).map(DiscoverySelectors::selectClass).toList())
                .configurationParameters(configuration).configurationParameter(PARAMETER, "true").build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    /** Runs them and asserts that every test passed. */
    static void passes(Map<String, String> configuration, Class<?>... classes) {
        TestExecutionSummary summary = run(configuration, classes);
        StringWriter failures = new StringWriter();
        summary.printFailuresTo(new PrintWriter(failures), 20);
        assertEquals(0, summary.getTotalFailureCount(), failures.toString());
        assertEquals(summary.getTestsFoundCount(), summary.getTestsSucceededCount(), "every test ran and passed");
    }
}
