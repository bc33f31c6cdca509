package keys.http;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * interface.md §3's roles and the scopes each carries, written out from the spec (not taken from
 * the code under test) for the models of the property tests. Scopes that open no route here are
 * left out: they change nothing a model predicts.
 */
final class SpecRoles {
    static final List<String> ROLES = List.of("member", "admin", "manager", "owner");
    static final Map<String, Set<String>> SCOPES = Map.of(
            "member", Set.of("org:read", "project:read", "team:read", "member:read"),
            "admin", Set.of("org:read", "project:read", "team:read", "member:read",
                    "project:write", "project:admin", "team:write", "team:admin"),
            "manager", Set.of("org:read", "project:read", "team:read", "member:read",
                    "project:write", "project:admin", "team:write", "team:admin",
                    "member:write", "member:admin", "member:invite", "org:write"),
            "owner", Set.of("org:read", "project:read", "team:read", "member:read",
                    "project:write", "project:admin", "team:write", "team:admin",
                    "member:write", "member:admin", "member:invite", "org:write", "org:admin"));

    private SpecRoles() {
    }
}
