package keys.store;

/**
 * A page of keys from a set of projects, in id order.
 *
 * @param projectIds which projects' keys count
 * @param active     {@code TRUE} active keys only, {@code FALSE} inactive only, null both
 * @param userOnly   only keys whose use case is {@code user}
 * @param bound      0 for none; else the first id taken: {@code id <= bound} descending,
 *                   {@code id >= bound} ascending
 * @param ascending  ascending id order (Sentry's "previous page" fetch) instead of descending
 * @param offset     how many matching keys to skip before taking any
 * @param limit      at most this many keys
 * @param orgId      the organization every project belongs to, or 0 when unknown; when known and
 *                   the projects are a good part of the organization's, the page is read from the
 *                   organization's own id-ordered list instead of merging thousands of projects
 * @param teamId     the team every project belongs to, or 0 when there is none; when known and
 *                   the projects are a good part of the team's, the page is read from the team's
 *                   own id-ordered list instead of merging its projects' lists
 */
public record KeyQuery(IdSet projectIds, Boolean active, boolean userOnly, long bound,
                       boolean ascending, int offset, int limit, long orgId, long teamId) {

    public KeyQuery {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    public KeyQuery(IdSet projectIds, Boolean active, boolean userOnly, long bound, boolean ascending,
                    int offset, int limit, long orgId) {
        this(projectIds, active, userOnly, bound, ascending, offset, limit, orgId, 0);
    }

    public KeyQuery(IdSet projectIds, Boolean active, boolean userOnly, long bound, boolean ascending,
                    int offset, int limit) {
        this(projectIds, active, userOnly, bound, ascending, offset, limit, 0, 0);
    }
}
