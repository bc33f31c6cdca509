package keys.http;

import keys.domain.Scope;
import keys.store.Store;

/**
 * {@code GET /backup} (interface §3, §7): the export of the state the request arrived at, streamed
 * as JSON Lines. That state is immutable and holds exactly the writes acknowledged by then, so the
 * backup is one consistent state, and writers go on meanwhile. Only a superuser's token that
 * itself holds {@code org:admin} may read it: a backup is every organization's data at once, and a
 * superuser's narrow token (a read-only one for dashboards, say) must not reach it.
 */
final class BackupRoute {
    static final String CONTENT_TYPE = "application/x-ndjson";

    private BackupRoute() {
    }

    static void register(Router router) {
        router.add("/backup", Access.TOKEN).get(call -> {
            if (!call.caller.superuser() || !call.caller.token().scopes().contains(Scope.ORG_ADMIN)) {
                throw ApiException.forbidden();
            }
            return Response.streamed(CONTENT_TYPE, out -> Store.export(call.state, out));
        });
    }
}
