package keys.store;

/**
 * A page of one organization's audit entries, newest first (or oldest first for a previous-page
 * fetch), ties by id: the filters of Sentry's audit-log endpoint and the bound and slice of its
 * {@code DateTimePaginator}.
 *
 * @param event      Sentry's event id, or 0 for any
 * @param actorId    the acting user, or 0 for any
 * @param fromMicros the earliest time taken (inclusive)
 * @param toMicros   the latest time taken (inclusive)
 * @param bound      the cursor's time: descending takes rows at or before it, ascending at or after
 * @param offset     matching rows skipped from the bound on
 */
public record AuditQuery(int event, long actorId, long fromMicros, long toMicros, long bound, boolean ascending,
                         int offset, int limit) {
}
