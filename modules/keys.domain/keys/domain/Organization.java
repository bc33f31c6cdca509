package keys.domain;

/**
 * An organization. {@code relayDsnEndpoint} is null unless the organization sends its events
 * through its own relay, which then replaces the ingest URL in its keys' DSNs.
 */
public record Organization(long id, String slug, String name, long createdMicros,
                           boolean openMembership, String relayDsnEndpoint) {
    public static final int MAX_NAME = 64;
    public static final int MAX_RELAY_URL = 200;

    /**
     * True for a relay endpoint that stored data may hold: an absolute http(s) URL with a host, as
     * 0.1.0 took it. New values must also meet {@link Urls#problem}.
     */
    public static boolean isRelayUrl(String url) {
        return Urls.baseProblem(url) == null;
    }

    public Organization withSlug(String newSlug) {
        return new Organization(id, newSlug, name, createdMicros, openMembership, relayDsnEndpoint);
    }

    public Organization withName(String newName) {
        return new Organization(id, slug, newName, createdMicros, openMembership, relayDsnEndpoint);
    }

    public Organization withOpenMembership(boolean open) {
        return new Organization(id, slug, name, createdMicros, open, relayDsnEndpoint);
    }

    public Organization withRelayDsnEndpoint(String endpoint) {
        return new Organization(id, slug, name, createdMicros, openMembership, endpoint);
    }
}
