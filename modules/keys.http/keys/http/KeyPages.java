package keys.http;

import java.util.List;

import keys.domain.ClientKey;
import keys.domain.Organization;
import keys.store.IdSet;
import keys.store.KeyQuery;

/**
 * One page of client keys from a set of projects, newest first, with its {@code Link} header: the
 * part both key lists share once they have settled which projects count.
 */
final class KeyPages {
    private KeyPages() {
    }

    /** {@code teamId}: the team all of {@code projectIds} belong to, or 0. */
    static Response respond(Call call, KeyJson json, Organization org, IdSet projectIds, long teamId,
                            int defaultPerPage) {
        PageRequest pr = PageRequest.parse(call.query(), defaultPerPage);
        boolean superuser = call.caller.superuser();
        String status = call.query().last("status");
        Paginator.Fetch<ClientKey> fetch;
        if (status == null || status.isEmpty() || status.equals("active") || status.equals("inactive")) {
            Boolean active = status == null || status.isEmpty() ? null : status.equals("active");
            fetch = (bound, ascending, offset, limit) -> call.state.queryKeys(
                    new KeyQuery(projectIds, active, !superuser, bound, ascending, offset, limit, org.id(), teamId));
        } else {
            fetch = (bound, ascending, offset, limit) -> List.of(); // Sentry: queryset.none(), not a 400
        }
        Paginator.Page<ClientKey> page = Paginator.page(pr.cursor(), pr.perPage(), fetch, ClientKey::id);
        JsonBytes body = json.page(page.rows(), org, superuser);
        return Response.ok(body, json.pages).header("Link", LinkHeader.of(call, page));
    }
}
