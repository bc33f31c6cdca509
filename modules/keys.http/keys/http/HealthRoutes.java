package keys.http;

import keys.store.StoreUnavailableException;
import keys.store.WriteStatus;

/** Liveness, readiness and metrics: no authentication. */
final class HealthRoutes {
    private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Sentry's own health check, which tools that probe a Sentry install ask for. */
    static final String SENTRY_HEALTH = "/_health/";
    private static final byte[] SENTRY_OK = "ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private HealthRoutes() {
    }

    static void register(Router router, Api api) {
        router.add("/healthz", Access.PUBLIC).get(call -> Response.ok(OK));
        router.add("/readyz", Access.PUBLIC).get(call -> {
            WriteStatus status = api.store.writeStatus();
            if (!status.writable()) {
                throw new StoreUnavailableException(status); // 503 naming the cause, as for a refused write
            }
            return Response.ok(OK);
        });
        router.add(SENTRY_HEALTH, Access.PUBLIC).get(call -> Response.ok(SENTRY_OK)
                .header("Content-Type", "text/plain"));
        router.add("/metrics", Access.PUBLIC).get(call -> api.metrics.render(api.store));
    }
}
