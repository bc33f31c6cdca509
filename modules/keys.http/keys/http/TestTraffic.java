package keys.http;

import java.io.IOException;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;

/**
 * One ordinary request on a test-mode server (test-mode.md §3.4, §3.5): the fault that hits it,
 * before routing and authentication, and its journal entry, recorded before the answer is sent
 * (the probes are not journaled).
 */
final class TestTraffic {
    private static final Set<String> PROBES = Set.of("/healthz", "/readyz", "/metrics", HealthRoutes.SENTRY_HEALTH);

    private final Api api;
    private final TestControl control;
    private final String method;
    private final String rawPath;
    private String query;
    private String user;
    private Fault fault;

    private TestTraffic(Api api, String method, String rawPath) {
        this.api = api;
        this.control = api.control;
        this.method = method;
        this.rawPath = rawPath;
    }

    static TestTraffic of(Api api, String method, String rawPath) {
        return new TestTraffic(api, method, rawPath);
    }

    /**
     * The fault's answer when one hits this request (after its delay); null to serve it as usual.
     *
     * @throws FaultAnswer.Broken a connection fault: the connection is to be closed as it stands
     */
    Response beforeRouting(Request request, HttpExchange exchange) throws IOException {
        query = request.rawQuery;
        user = user(request);
        fault = control.faults.hit(method, rawPath);
        if (fault == null) {
            return null;
        }
        FaultAnswer.delay(fault);
        if (fault.spec().connectionFault() != null) {
            answered(null);
            FaultAnswer.breakConnection(exchange, fault.spec().connectionFault());
        }
        return FaultAnswer.status(fault, api.sources.nowMicros());
    }

    /** Journals the request with its status (null: none was sent). */
    void answered(Integer status) {
        if (!PROBES.contains(rawPath)) {
            control.journal.record(method, rawPath, query, status, user, fault == null ? null : fault.id());
        }
    }

    /** The caller's email when the request carries a valid token; else null. Never the token. */
    private String user(Request request) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            return null;
        }
        try {
            return Authenticator.authenticate(authorization, api.store.state(), api.sources.nowMicros()).user().email();
        } catch (ApiException e) {
            return null;
        }
    }
}
