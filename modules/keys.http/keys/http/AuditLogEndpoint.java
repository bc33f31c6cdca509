package keys.http;

import java.util.List;

import keys.domain.AuditEntry;

/**
 * {@code GET /api/0/organizations/{org}/audit-logs/}: Sentry's {@code OrganizationAuditLogsEndpoint}
 * under {@code OrganizationAuditPermission} ({@code org:write} only). Rows newest first, ties by id,
 * paged by Sentry's {@code DateTimePaginator} over millisecond cursors.
 */
final class AuditLogEndpoint {
    static final int PER_PAGE = 100;

    private AuditLogEndpoint() {
    }

    static void register(Router router) {
        router.add("/api/0/organizations/{org}/audit-logs/", Access.ORG_AUDIT).get(AuditLogEndpoint::list);
    }

    static Response list(Call call) {
        OrgAccess a = OrgAccess.resolve(call, call.param("org"));
        AuditFilter filter = AuditFilter.parse(call.query(), call.api.sources.nowMicros());
        PageRequest pr = PageRequest.parse(call.query(), PER_PAGE);
        long orgId = a.org().id();
        Paginator.Fetch<AuditEntry> fetch = filter.none() ? (bound, ascending, offset, limit) -> List.of()
                : (bound, ascending, offset, limit) -> call.state.auditEntries(orgId,
                        filter.query(bound, ascending, offset, limit));
        Paginator.Page<AuditEntry> page = Paginator.page(pr.cursor(), pr.perPage(), fetch, AuditLogEndpoint::millis);
        return Response.ok(AuditJson.page(page.rows(), call.state, call.caller.user()))
                .header("Link", LinkHeader.of(call, page));
    }

    /**
     * DateTimePaginator's {@code get_item_key}: epoch milliseconds, rounded up for the next cursor
     * of a descending list and down for a previous one. Sentry goes through a float; the exact
     * integer form gives the same value without its rounding slips.
     */
    static long millis(AuditEntry e, boolean forPrev) {
        long micros = e.createdMicros();
        return forPrev ? Math.floorDiv(micros, 1000) : -Math.floorDiv(-micros, 1000);
    }
}
