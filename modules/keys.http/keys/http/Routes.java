package keys.http;

/** Every route of the server, gathered from the files that own them. */
final class Routes {
    private Routes() {
    }

    static Router build(Api api) {
        Router router = new Router();
        HealthRoutes.register(router, api);
        BackupRoute.register(router);
        KeyRoutes.register(router, api);
        ManagementRoutes.register(router, api);
        AuditLogEndpoint.register(router);
        return router;
    }
}
