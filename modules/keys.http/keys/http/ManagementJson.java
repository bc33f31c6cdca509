package keys.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import keys.domain.Member;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Team;
import keys.domain.Timestamps;
import keys.domain.Token;
import keys.domain.User;
import keys.json.JsonWriter;
import keys.store.State;

/**
 * The JSON objects of the management API (interface.md §3). Ids are strings, as in Sentry.
 * {@code viewer} is the caller's membership of the object's organization (null for a superuser
 * who is not a member): it decides {@code isMember}.
 */
final class ManagementJson {
    private ManagementJson() {
    }

    /**
     * An organization with every field Sentry's schema requires (the ones keys has no notion of at
     * their defaults: active, no 2FA, no auth provider, a letter avatar), then ours.
     * {@code urlPrefix} is the server's public URL, which stands for Sentry's organization and
     * region URLs.
     */
    static void organization(JsonWriter w, Organization o, Collection<Scope> access, String urlPrefix) {
        w.beginObject()
                .name("id").value(Long.toString(o.id()))
                .name("slug").value(o.slug())
                .name("status").beginObject().name("id").value("active").name("name").value("active").endObject()
                .name("name").value(o.name())
                .name("dateCreated").value(Timestamps.format(o.createdMicros()))
                .name("isEarlyAdopter").value(false)
                .name("require2FA").value(false);
        letterAvatar(w);
        w.name("links").beginObject()
                .name("organizationUrl").value(urlPrefix)
                .name("regionUrl").value(urlPrefix)
                .endObject()
                .name("hasAuthProvider").value(false)
                .name("allowMemberInvite").value(true)
                .name("allowMemberProjectCreation").value(true)
                .name("allowSuperuserAccess").value(true)
                .name("features").beginArray().endArray()
                .name("access");
        scopes(w, access);
        w.name("openMembership").value(o.openMembership())
                .name("relayDsnEndpoint");
        nullable(w, o.relayDsnEndpoint());
        w.endObject();
    }

    /** Sentry's default avatar: letters drawn from the name, no upload. */
    static void letterAvatar(JsonWriter w) {
        w.name("avatar").beginObject()
                .name("avatarType").value("letter_avatar")
                .name("avatarUuid").nullValue()
                .name("avatarUrl").nullValue()
                .endObject();
    }

    /** A JSON array of scope names, sorted. */
    static void scopes(JsonWriter w, Collection<Scope> scopes) {
        w.beginArray();
        for (String s : sortedWire(scopes)) {
            w.value(s);
        }
        w.endArray();
    }

    static void team(JsonWriter w, Team t, State state, Member viewer) {
        w.beginObject()
                .name("id").value(Long.toString(t.id()))
                .name("slug").value(t.slug())
                .name("name").value(t.name())
                .name("dateCreated").value(Timestamps.format(t.createdMicros()))
                .name("memberCount").value(state.teamMembers(t).size())
                .name("isMember").value(viewer != null && viewer.teamIds().contains(t.id()))
                .endObject();
    }

    static void project(JsonWriter w, Project p, State state, Member viewer, boolean withOrganization) {
        w.beginObject()
                .name("id").value(Long.toString(p.id()))
                .name("slug").value(p.slug())
                .name("name").value(p.name())
                .name("platform");
        nullable(w, p.platform());
        w.name("dateCreated").value(Timestamps.format(p.createdMicros()))
                .name("isMember").value(isMember(p, viewer));
        teams(w, p, state, viewer);
        if (withOrganization) {
            Organization o = state.organization(p.orgId()).orElse(null);
            if (o != null) {
                w.name("organization").beginObject()
                        .name("id").value(Long.toString(o.id()))
                        .name("slug").value(o.slug())
                        .name("name").value(o.name())
                        .endObject();
            }
        }
        w.endObject();
    }

    /** The project's {@code teams} member: each team object, in the project's order. */
    static void teams(JsonWriter w, Project p, State state, Member viewer) {
        w.name("teams").beginArray();
        for (long teamId : p.teamIds()) {
            state.team(teamId).ifPresent(t -> team(w, t, state, viewer));
        }
        w.endArray();
    }

    static boolean isMember(Project p, Member viewer) {
        if (viewer == null) {
            return false;
        }
        for (long teamId : p.teamIds()) {
            if (viewer.teamIds().contains(teamId)) {
                return true;
            }
        }
        return false;
    }

    static void member(JsonWriter w, Member m, State state) {
        User u = state.user(m.userId()).orElse(null);
        w.beginObject()
                .name("id").value(Long.toString(m.id()))
                .name("email");
        nullable(w, u == null ? null : u.email());
        w.name("orgRole").value(m.role().wire())
                .name("teams").beginArray();
        for (long teamId : m.teamIds()) {
            state.team(teamId).ifPresent(t -> w.value(t.slug()));
        }
        w.endArray()
                .name("dateCreated").value(Timestamps.format(m.createdMicros()))
                .endObject();
    }

    /** A token; {@code clear} (the token itself) only in the answer that mints it, else null. */
    static void token(JsonWriter w, Token t, String clear) {
        w.beginObject()
                .name("id").value(Long.toString(t.id()))
                .name("name");
        nullable(w, t.name());
        w.name("scopes");
        scopes(w, t.scopes());
        w.name("dateCreated").value(Timestamps.format(t.createdMicros()))
                .name("expiresAt");
        nullable(w, t.expiresMicros() == 0 ? null : Timestamps.format(t.expiresMicros()));
        w.name("tokenLastCharacters");
        nullable(w, t.lastCharacters());
        if (clear != null) {
            w.name("token").value(clear);
        }
        w.endObject();
    }

    /** Wire names in alphabetical order, as Sentry lists scopes. */
    static List<String> sortedWire(Collection<Scope> scopes) {
        List<String> out = new ArrayList<>(scopes.size());
        for (Scope s : scopes) {
            out.add(s.wire());
        }
        out.sort(null);
        return out;
    }

    static void nullable(JsonWriter w, String s) {
        if (s == null) {
            w.nullValue();
        } else {
            w.value(s);
        }
    }
}
