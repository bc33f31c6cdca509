package keys.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import keys.domain.AuditEntry;
import keys.domain.ClientKey;
import keys.domain.Member;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Team;
import keys.domain.Token;
import keys.domain.User;

/**
 * Every rule the API keeps for a set of records, checked one record at a time so that an import
 * names the line where a rule first breaks: each record's own fields ({@link RecordRules}), then
 * what must be unique (ids across every kind, organization slugs, team and project slugs within
 * an organization, emails, memberships, token hashes, and every public or secret key value across
 * all keys, as the API's {@code keyValueInUse} does), and references. A reference to a record not
 * seen yet waits for {@link #finish()}, so files need not list parents first. Audit entries are
 * checked for their shape, a unique id of their own counter and an organization to go with;
 * what else they name may be long deleted.
 */
final class InvariantCheck {
    /** A broken rule: the import line (0 outside an import), the object as "type id", and the rule. */
    record Violation(long line, String object, String rule, boolean reference) {
        @Override
        public String toString() {
            return object + ": " + rule;
        }
    }

    private record Scoped(long orgId, String value) {
    }

    private record Ref(long line, String object, String rule, BooleanSupplier holds) {
    }

    private final Map<Long, String> kindOf = new HashMap<>();
    private final LongPairSet keyIds = new LongPairSet();
    private final LongPairSet keyValues = new LongPairSet();
    private final Map<String, Long> orgSlugs = new HashMap<>();
    private final Map<Scoped, Long> teamSlugs = new HashMap<>();
    private final Map<Scoped, Long> projectSlugs = new HashMap<>();
    private final Map<String, Long> emails = new HashMap<>();
    private final Map<Scoped, Long> memberships = new HashMap<>();
    private final Map<String, Long> tokenHashes = new HashMap<>();
    private final Set<Long> orgs = new HashSet<>();
    private final Set<Long> users = new HashSet<>();
    private final Map<Long, Long> teamOrg = new HashMap<>();
    private final Set<Long> projects = new HashSet<>();
    private final List<Ref> waiting = new ArrayList<>();
    private final Set<Long> auditIds = new HashSet<>();

    /** Checks one put against itself and everything added before it. */
    List<Violation> add(Change put, long line) {
        if (put instanceof Change.PutAudit(AuditEntry a)) {
            return audit(a, line);
        }
        String kind = kind(put);
        long id = idOf(put);
        List<String> broken = RecordRules.problems(put); // names are built only for what is broken: keys are many
        String clash = claimId(kind, id);
        if (clash != null) {
            broken.add(clash);
        }
        String object = null;
        switch (put) {
            case Change.PutOrganization(Organization o) -> {
                unique(broken, orgSlugs, o.slug(), id, "slug " + RecordRules.quote(o.slug()), "organization");
                orgs.add(id);
            }
            case Change.PutUser(User u) -> {
                unique(broken, emails, u.email(), id, "email " + RecordRules.quote(u.email()), "user");
                users.add(id);
            }
            case Change.PutTeam(Team t) -> {
                object = kind + " " + id;
                unique(broken, teamSlugs, new Scoped(t.orgId(), t.slug()), id, "slug " + RecordRules.quote(t.slug()),
                        "team");
                refer(organization(line, object, t.orgId()));
                teamOrg.put(id, t.orgId());
            }
            case Change.PutProject(Project p) -> {
                object = kind + " " + id;
                unique(broken, projectSlugs, new Scoped(p.orgId(), p.slug()), id,
                        "slug " + RecordRules.quote(p.slug()), "project");
                refer(organization(line, object, p.orgId()));
                for (long team : p.teamIds()) {
                    refer(team(line, object, team, p.orgId()));
                }
                projects.add(id);
            }
            case Change.PutMember(Member m) -> {
                object = kind + " " + id;
                unique(broken, memberships, new Scoped(m.orgId(), Long.toString(m.userId())), id,
                        "user " + m.userId(), "member");
                refer(organization(line, object, m.orgId()));
                refer(user(line, object, m.userId()));
                for (long team : m.teamIds()) {
                    refer(team(line, object, team, m.orgId()));
                }
            }
            case Change.PutToken(Token t) -> {
                object = kind + " " + id;
                unique(broken, tokenHashes, t.hashHex(), id, "hash", "token");
                refer(user(line, object, t.userId()));
            }
            case Change.PutKey(ClientKey k) -> {
                if (!keyValues.add(k.publicKeyHigh(), k.publicKeyLow())) {
                    broken.add("public key " + k.publicKey() + " is already used by another key");
                }
                // The secret is not quoted: a message must not leak it.
                if (!keyValues.add(k.secretKeyHigh(), k.secretKeyLow())) {
                    broken.add("secret key is already used by another key (or is this key's public key)");
                }
                long project = k.projectId();
                if (!projects.contains(project)) {
                    waiting.add(new Ref(line, kind + " " + id, "belongs to missing project " + project,
                            () -> projects.contains(project)));
                }
            }
            default -> throw new IllegalArgumentException("not a put: " + put);
        }
        if (broken.isEmpty()) {
            return List.of();
        }
        String name = object != null ? object : kind + " " + id;
        return broken.stream().map(rule -> new Violation(line, name, rule, false)).toList();
    }

    private List<Violation> audit(AuditEntry a, long line) {
        String object = "audit " + a.id();
        List<String> broken = RecordRules.problems(new Change.PutAudit(a));
        if (a.id() <= 0) {
            broken.add("id " + a.id() + " is not positive");
        } else if (!auditIds.add(a.id())) {
            broken.add("a second audit entry with id " + a.id());
        }
        refer(organization(line, object, a.orgId()));
        return broken.stream().map(rule -> new Violation(line, object, rule, false)).toList();
    }

    /** A reference that does not hold yet waits for the rest of the records. */
    private void refer(Ref r) {
        if (!r.holds().getAsBoolean()) {
            waiting.add(r);
        }
    }

    /** The references that still point at nothing, once every record is in. */
    List<Violation> finish() {
        List<Violation> out = new ArrayList<>();
        for (Ref r : waiting) {
            if (!r.holds().getAsBoolean()) {
                out.add(new Violation(r.line(), r.object(), r.rule(), true));
            }
        }
        waiting.clear();
        return out;
    }

    private String claimId(String kind, long id) {
        if (id <= 0) {
            return "id " + id + " is not positive";
        }
        String other = kindOf.get(id);
        if (other == null && keyIds.contains(id, 0)) {
            other = "key";
        }
        if (other != null) {
            return other.equals(kind) ? "a second " + kind + " with id " + id
                    : "id " + id + " is already used by the " + other + " with that id (ids come from one counter)";
        }
        if (kind.equals("key")) {
            keyIds.add(id, 0);
        } else {
            kindOf.put(id, kind);
        }
        return null;
    }

    /** Claims {@code value} for record {@code id}, or says which record of kind {@code owner} holds it. */
    private static <K> void unique(List<String> out, Map<K, Long> owners, K value, long id, String what, String owner) {
        Long holder = owners.putIfAbsent(value, id);
        if (holder != null) {
            out.add(what + " is already used by " + owner + " " + holder);
        }
    }

    private Ref organization(long line, String object, long org) {
        return new Ref(line, object, "belongs to missing organization " + org, () -> orgs.contains(org));
    }

    private Ref user(long line, String object, long user) {
        return new Ref(line, object, "belongs to missing user " + user, () -> users.contains(user));
    }

    private Ref team(long line, String object, long team, long org) {
        return new Ref(line, object, "names team " + team + ", which is not a team of its organization", () -> {
            Long of = teamOrg.get(team);
            return of != null && of == org;
        });
    }

    /** The id of the record a put writes. */
    static long idOf(Change put) {
        return switch (put) {
            case Change.PutOrganization(Organization o) -> o.id();
            case Change.PutUser(User u) -> u.id();
            case Change.PutTeam(Team t) -> t.id();
            case Change.PutProject(Project p) -> p.id();
            case Change.PutMember(Member m) -> m.id();
            case Change.PutToken(Token t) -> t.id();
            case Change.PutKey(ClientKey k) -> k.id();
            default -> throw new IllegalArgumentException("not a put: " + put);
        };
    }

    private static String kind(Change put) {
        return switch (put) {
            case Change.PutOrganization o -> "organization";
            case Change.PutUser u -> "user";
            case Change.PutTeam t -> "team";
            case Change.PutProject p -> "project";
            case Change.PutMember m -> "member";
            case Change.PutToken t -> "token";
            case Change.PutKey k -> "key";
            default -> throw new IllegalArgumentException("not a put: " + put);
        };
    }
}
