package keys.domain;

/** A team of an organization; projects belong to teams, members join teams. */
public record Team(long id, long orgId, String slug, String name, long createdMicros) {
    public static final int MAX_NAME = 64;

    public Team withSlug(String newSlug) {
        return new Team(id, orgId, newSlug, name, createdMicros);
    }

    public Team withName(String newName) {
        return new Team(id, orgId, slug, newName, createdMicros);
    }
}
