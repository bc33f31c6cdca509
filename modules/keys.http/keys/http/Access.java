package keys.http;

import java.util.Set;

import static keys.domain.Scope.*;

import keys.domain.Scope;

/** Which scopes a route needs for each method, following Sentry's permission classes. */
enum Access {
    ORG(Set.of(ORG_READ, ORG_WRITE, ORG_ADMIN), Set.of(ORG_WRITE, ORG_ADMIN), Set.of(ORG_ADMIN)),
    PROJECT(Set.of(PROJECT_READ, PROJECT_WRITE, PROJECT_ADMIN), Set.of(PROJECT_WRITE, PROJECT_ADMIN), Set.of(PROJECT_ADMIN)),
    TEAM(Set.of(TEAM_READ, TEAM_WRITE, TEAM_ADMIN), Set.of(TEAM_WRITE, TEAM_ADMIN), Set.of(TEAM_ADMIN)),
    MEMBER(Set.of(MEMBER_READ, MEMBER_WRITE, MEMBER_ADMIN), Set.of(MEMBER_WRITE, MEMBER_ADMIN), Set.of(MEMBER_ADMIN)),
    /** Any valid token, whatever its scopes. */
    TOKEN(Set.of(), Set.of(), Set.of()),
    /** No authentication at all (health, metrics). */
    PUBLIC(Set.of(), Set.of(), Set.of());

    private final Set<Scope> read;
    private final Set<Scope> write;
    private final Set<Scope> admin;

    Access(Set<Scope> read, Set<Scope> write, Set<Scope> admin) {
        this.read = read;
        this.write = write;
        this.admin = admin;
    }

    /** Scopes of which the token must hold one for this method; empty means none needed. */
    Set<Scope> scopesFor(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> read;
            case "DELETE" -> admin;
            default -> write;
        };
    }

    /**
     * Whether Sentry's permission class lists the method at all. Its scope check reads
     * {@code scope_map.get(method, [])}: a method it does not list (PATCH, say) needs a scope no
     * token has, so it is 403 before any 405. Routes open to any token have no such map.
     */
    boolean mapsMethod(String method) {
        return read.isEmpty() || switch (method) {
            case "GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE" -> true;
            default -> false;
        };
    }

    boolean authenticated() {
        return this != PUBLIC;
    }
}
