package keys.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import keys.domain.AuditEntry;
import keys.domain.AuditEvent;
import keys.domain.Timestamps;
import keys.domain.User;
import keys.json.Json;
import keys.json.JsonWriter;
import keys.store.State;

/**
 * The audit-log body {@code {"rows": [...], "options": [...]}}: each row as Sentry's
 * {@code AuditLogEntrySerializer} writes it, its {@code data} cut down to the keys the frontend
 * uses (never a key's secret), its users as Sentry's {@code UserSerializer} filled from what keys
 * knows of a user.
 */
final class AuditJson {
    /** Sentry's {@code fix()}: the only data keys a response carries. */
    private static final Set<String> SHOWN = Set.of("id", "slug", "old_slug", "new_slug", "name");

    private AuditJson() {
    }

    static byte[] page(List<AuditEntry> rows, State state, User viewer) {
        JsonWriter w = new JsonWriter(1024 + rows.size() * 1024);
        w.beginObject().name("rows").beginArray();
        for (AuditEntry e : rows) {
            row(w, e, state, viewer);
        }
        w.endArray().name("options").beginArray();
        for (String name : AuditEvent.apiNames()) {
            w.value(name);
        }
        return w.endArray().endObject().toByteArray();
    }

    private static void row(JsonWriter w, AuditEntry e, State state, User viewer) {
        @SuppressWarnings("unchecked") // stored data is always a JSON object
        Map<String, Object> data = (Map<String, Object>) Json.parse(e.data());
        User actor = e.actorId() == 0 ? null : state.user(e.actorId()).orElse(null);
        User target = e.targetUserId() == 0 ? null : state.user(e.targetUserId()).orElse(null);
        w.beginObject().name("id").value(Long.toString(e.id())).name("actor");
        if (actor != null) {
            user(w, actor, viewer);
        } else {
            w.beginObject().name("name").nullValue().endObject(); // the user is gone: keys keeps no label
        }
        w.name("event").value(AuditEvent.byId(e.event()).map(AuditEvent::apiName).orElse(null))
                .name("ipAddress").value(e.ipAddress())
                .name("note").value(AuditNotes.render(e, data, target))
                .name("targetObject");
        if (e.targetObject() == 0) {
            w.nullValue();
        } else {
            w.value(e.targetObject());
        }
        w.name("targetUser");
        if (target != null) {
            user(w, target, viewer);
        } else if (e.targetUserId() != 0) {
            w.value(e.targetUserId()); // Sentry: the id when the user is not found
        } else {
            w.nullValue();
        }
        w.name("data").beginObject();
        for (Map.Entry<String, Object> d : data.entrySet()) {
            if (SHOWN.contains(d.getKey())) {
                w.name(d.getKey()).writeValue(d.getValue());
            }
        }
        w.endObject().name("dateCreated").value(Timestamps.format(e.createdMicros())).endObject();
    }

    /** Sentry's UserSerializer; options, flags and identities only for the caller themself. */
    static void user(JsonWriter w, User u, User viewer) {
        boolean self = viewer != null && viewer.id() == u.id();
        w.beginObject().name("id").value(Long.toString(u.id()))
                .name("name").value(u.email()).name("username").value(u.email()).name("email").value(u.email())
                .name("avatarUrl").value(gravatar(u.email()))
                .name("isActive").value(true).name("hasPasswordAuth").value(false).name("isManaged").value(false)
                .name("dateJoined").value(Timestamps.format(u.createdMicros()))
                .name("lastLogin").nullValue().name("has2fa").value(false).name("lastActive").nullValue()
                .name("isSuperuser").value(u.superuser()).name("isStaff").value(false)
                .name("emails").beginArray().beginObject().name("id").value(Long.toString(u.id()))
                .name("email").value(u.email()).name("is_verified").value(true).endObject().endArray()
                .name("experiments").beginObject().endObject();
        if (self) {
            w.name("options").beginObject().name("theme").value("light").name("language").value("en")
                    .name("stacktraceOrder").value(-1).name("defaultIssueEvent").value("recommended")
                    .name("timezone").value("UTC").name("clock24Hours").value(false)
                    .name("prefersIssueDetailsStreamlinedUI").nullValue().name("prefersChonkUI").nullValue()
                    .endObject()
                    .name("flags").beginObject().name("newsletter_consent_prompt").value(false).endObject();
        }
        ManagementJson.letterAvatar(w);
        if (self) {
            w.name("identities").beginArray().endArray();
        }
        w.endObject();
    }

    /** {@code get_gravatar_url(email, size=32)}. */
    private static String gravatar(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "https://gravatar.com/avatar/" + HexFormat.of().formatHex(digest) + "?s=32&d=mm";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
