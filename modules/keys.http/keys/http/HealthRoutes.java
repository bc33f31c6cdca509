package keys.http;

/** Liveness, readiness and metrics: no authentication. */
final class HealthRoutes {
    private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private HealthRoutes() {
    }

    static void register(Router router, Api api) {
        router.add("/healthz", Access.PUBLIC).get(call -> Response.ok(OK));
        router.add("/readyz", Access.PUBLIC).get(call -> {
            if (!api.store.isOpen()) {
                throw ApiException.detail(503, "Store is not open.");
            }
            return Response.ok(OK);
        });
        router.add("/metrics", Access.PUBLIC).get(call -> api.metrics.render(api.store));
    }
}
