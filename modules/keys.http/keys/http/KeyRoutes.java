package keys.http;

/** The client key routes: the organization-wide list and the per-project CRUD. */
final class KeyRoutes {
    private KeyRoutes() {
    }

    static void register(Router router, Api api) {
        KeyJson json = new KeyJson(api.config);
        OrgKeysEndpoint orgKeys = new OrgKeysEndpoint(json);
        ProjectKeysEndpoint projectKeys = new ProjectKeysEndpoint(json);
        KeyDetailsEndpoint keyDetails = new KeyDetailsEndpoint(json);
        router.add(OrgKeysEndpoint.PATH, Access.ORG, true).get(orgKeys::list);
        router.add(ProjectKeysEndpoint.PATH, Access.PROJECT).get(projectKeys::list).post(projectKeys::create);
        router.add(KeyDetailsEndpoint.PATH, Access.PROJECT)
                .get(keyDetails::get).put(keyDetails::update).delete(keyDetails::delete);
    }
}
