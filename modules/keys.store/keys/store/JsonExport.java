package keys.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import keys.domain.ClientKey;
import keys.domain.Member;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Team;
import keys.domain.Token;
import keys.domain.User;
import keys.json.JsonWriter;

/**
 * The export format (interface §4): JSON Lines, a {@code meta} line first, then every record
 * parents first and by id, each object with {@code type} first and every field of its record.
 * Ids and times are JSON numbers; enums are their wire names; tokens carry only their hash, and
 * {@code mintedBy} only when a token minted them. Format 2 adds {@code lastAuditId} to the meta
 * line and {@code audit} lines (last, by id) whose {@code data} is the stored object, secrets
 * and all; a state that never had an audit entry is written as format 1, as 0.1.0 wrote it.
 * {@link JsonImport} reads exactly this; the field order here is part of the format, since an
 * import followed by an export must give the same bytes.
 */
final class JsonExport {
    static final int FORMAT = 2;
    /** The format 0.1.0 wrote: no audit entries, no audit id counter. */
    static final int FORMAT_0_1 = 1;

    private JsonExport() {
    }

    static void write(State state, OutputStream sink) throws IOException {
        BufferedOutputStream out = new BufferedOutputStream(sink, 1 << 16);
        JsonWriter w = new JsonWriter(1024);
        boolean audited = state.lastAuditId() != 0;
        w.beginObject().name("type").value("meta").name("format").value(audited ? FORMAT : FORMAT_0_1)
                .name("lastId").value(state.lastId());
        if (audited) {
            w.name("lastAuditId").value(state.lastAuditId());
        }
        w.endObject();
        line(w, out);
        for (Change c : state.asChangesWithoutAudit()) { // audit entries follow, streamed from their rows
            switch (c) {
                case Change.PutOrganization(Organization o) -> w.beginObject().name("type").value("organization")
                        .name("id").value(o.id()).name("slug").value(o.slug()).name("name").value(o.name())
                        .name("createdMicros").value(o.createdMicros()).name("openMembership").value(o.openMembership())
                        .name("relayDsnEndpoint").value(o.relayDsnEndpoint()).endObject();
                case Change.PutUser(User u) -> w.beginObject().name("type").value("user")
                        .name("id").value(u.id()).name("email").value(u.email()).name("superuser").value(u.superuser())
                        .name("createdMicros").value(u.createdMicros()).endObject();
                case Change.PutTeam(Team t) -> w.beginObject().name("type").value("team")
                        .name("id").value(t.id()).name("orgId").value(t.orgId()).name("slug").value(t.slug())
                        .name("name").value(t.name()).name("createdMicros").value(t.createdMicros()).endObject();
                case Change.PutProject(Project p) -> {
                    w.beginObject().name("type").value("project").name("id").value(p.id())
                            .name("orgId").value(p.orgId()).name("slug").value(p.slug()).name("name").value(p.name())
                            .name("platform").value(p.platform()).name("createdMicros").value(p.createdMicros());
                    ids(w.name("teamIds"), p.teamIds()).endObject();
                }
                case Change.PutMember(Member m) -> {
                    w.beginObject().name("type").value("member").name("id").value(m.id())
                            .name("orgId").value(m.orgId()).name("userId").value(m.userId())
                            .name("role").value(m.role() == null ? null : m.role().wire())
                            .name("createdMicros").value(m.createdMicros());
                    ids(w.name("teamIds"), m.teamIds()).endObject();
                }
                case Change.PutToken(Token t) -> {
                    w.beginObject().name("type").value("token").name("id").value(t.id())
                            .name("userId").value(t.userId()).name("name").value(t.name()).name("hash").value(t.hashHex());
                    w.name("scopes").beginArray();
                    for (Scope s : t.scopes()) {
                        w.value(s.wire());
                    }
                    w.endArray().name("createdMicros").value(t.createdMicros()).name("expiresMicros").value(t.expiresMicros())
                            .name("lastCharacters").value(t.lastCharacters());
                    if (t.mintedBy() != 0) { // absent for a token nothing minted, as 0.1.0 wrote every token
                        w.name("mintedBy").value(t.mintedBy());
                    }
                    w.endObject();
                }
                case Change.PutKey(ClientKey k) -> w.beginObject().name("type").value("key")
                        .name("id").value(k.id()).name("projectId").value(k.projectId()).name("label").value(k.label())
                        .name("publicKey").value(k.publicKey()).name("secretKey").value(k.secretKey())
                        .name("active").value(k.active()).name("createdMicros").value(k.createdMicros())
                        .name("rateLimitCount").value(k.rateLimitCount()).name("rateLimitWindow").value(k.rateLimitWindow())
                        .name("browserSdkVersion").value(k.browserSdkVersion()).name("loaderOptions").value(k.loaderOptions())
                        .name("useCase").value(k.useCase() == null ? null : k.useCase().wire()).endObject();
                default -> throw new IllegalStateException("asChanges() returned a non-put change: " + c);
            }
            line(w, out);
        }
        try {
            AuditOrder.forEach(state, a -> {
                w.beginObject().name("type").value("audit")
                        .name("id").value(a.id()).name("orgId").value(a.orgId()).name("event").value(a.event())
                        .name("actorId").value(a.actorId()).name("ipAddress").value(a.ipAddress())
                        .name("targetObject").value(a.targetObject()).name("targetUserId").value(a.targetUserId())
                        .name("data").rawValue(a.data().getBytes(StandardCharsets.UTF_8))
                        .name("createdMicros").value(a.createdMicros()).endObject();
                try {
                    line(w, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    private static JsonWriter ids(JsonWriter w, List<Long> ids) {
        w.beginArray();
        for (long id : ids) {
            w.value(id);
        }
        return w.endArray();
    }

    private static void line(JsonWriter w, OutputStream out) throws IOException {
        w.writeTo(out);
        out.write('\n');
        w.reset();
    }
}
