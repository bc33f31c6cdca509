package keys.store;

import java.util.ArrayList;
import java.util.List;

import keys.domain.AuditEntry;
import keys.domain.AuditEvent;
import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Member;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Slugs;
import keys.domain.Team;
import keys.domain.Texts;
import keys.domain.Token;
import keys.domain.User;

/**
 * What the API keeps true of each record on its own — slugs, lengths, ranges, choices — stated
 * with the same domain rules its endpoints call. {@link InvariantCheck} adds the rules between
 * records. Each problem names the field; values are quoted short and escaped.
 */
final class RecordRules {
    private static final java.util.regex.Pattern SHA256_HEX = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    private RecordRules() {
    }

    /** The broken rules of one put (a new list), each starting with the field; empty when the API could write it. */
    static List<String> problems(Change put) {
        List<String> out = new ArrayList<>(0);
        switch (put) {
            case Change.PutOrganization(Organization o) -> {
                slug(out, o.slug());
                text(out, "name", o.name(), Organization.MAX_NAME);
                String relay = o.relayDsnEndpoint();
                if (relay != null && (relay.codePointCount(0, relay.length()) > Organization.MAX_RELAY_URL
                        || !Organization.isRelayUrl(relay))) {
                    out.add("relayDsnEndpoint " + quote(relay) + " is not an http(s) URL of at most "
                            + Organization.MAX_RELAY_URL + " characters");
                }
            }
            case Change.PutUser(User u) -> {
                if (!User.isStoredEmail(u.email())) {
                    out.add("email " + quote(u.email()) + " is not a valid lowercase email address");
                }
            }
            case Change.PutTeam(Team t) -> {
                slug(out, t.slug());
                text(out, "name", t.name(), Team.MAX_NAME);
            }
            case Change.PutProject(Project p) -> {
                slug(out, p.slug());
                text(out, "name", p.name(), Project.MAX_NAME);
                if (p.platform() != null && !Project.isValidPlatform(p.platform())) {
                    out.add("platform " + quote(p.platform()) + " is not 1 to " + Project.MAX_PLATFORM
                            + " of a-z, 0-9, '-', '_' and '.'");
                }
            }
            case Change.PutMember(Member m) -> {
                if (m.role() == null) {
                    out.add("role is missing");
                }
            }
            case Change.PutToken(Token t) -> {
                if (t.name() != null) {
                    text(out, "name", t.name(), Token.MAX_NAME);
                }
                if (t.hashHex() == null || !SHA256_HEX.matcher(t.hashHex()).matches()) {
                    out.add("hash is not a SHA-256 in 64 lowercase hex digits");
                }
                if (t.expiresMicros() < 0) {
                    out.add("expiresMicros " + t.expiresMicros() + " is negative");
                }
            }
            case Change.PutKey(ClientKey k) -> key(out, k);
            case Change.PutAudit(AuditEntry a) -> {
                // Structural only: what an entry names may be long deleted.
                if (AuditEvent.byId(a.event()).isEmpty()) {
                    out.add("event " + a.event() + " is not an audit event keys writes");
                }
                if (a.actorId() < 0 || a.targetObject() < 0 || a.targetUserId() < 0) {
                    out.add("actorId, targetObject and targetUserId must not be negative");
                }
            }
            default -> throw new IllegalArgumentException("not a put: " + put);
        }
        return out;
    }

    private static void key(List<String> out, ClientKey k) {
        text(out, "label", k.label(), ClientKey.MAX_LABEL_LENGTH);
        if (k.rateLimitCount() < 0) {
            out.add("rateLimitCount " + k.rateLimitCount() + " is negative");
        }
        if (k.rateLimitWindow() < 0 || k.rateLimitWindow() > ClientKey.MAX_RATE_LIMIT_WINDOW) {
            out.add("rateLimitWindow " + k.rateLimitWindow() + " is not between 0 and "
                    + ClientKey.MAX_RATE_LIMIT_WINDOW);
        }
        if ((k.rateLimitCount() == 0) != (k.rateLimitWindow() == 0)) {
            out.add("rateLimitCount and rateLimitWindow must be both 0 (no limit) or both set");
        }
        if (k.browserSdkVersion() != null && !ClientKey.SDK_VERSIONS.contains(k.browserSdkVersion())) {
            out.add("browserSdkVersion " + quote(k.browserSdkVersion()) + " is not one of " + ClientKey.SDK_VERSIONS);
        }
        if ((k.loaderOptions() & ~LoaderOption.ALL) != 0) {
            out.add("loaderOptions " + k.loaderOptions() + " sets bits outside " + LoaderOption.ALL);
        }
    }

    private static void slug(List<String> out, String slug) {
        if (!Slugs.isValid(slug)) {
            out.add("slug " + quote(slug) + " is not a slug (1 to " + Slugs.MAX_LENGTH
                    + " of a-z, 0-9, '-' and '_', not all digits)");
        }
    }

    private static void text(List<String> out, String field, String value, int max) {
        String problem = Texts.problem(value, max);
        if (problem != null) {
            out.add(field + " " + problem);
        }
    }

    /** A value for a message: quoted, control characters escaped, cut after 60 characters. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        value.codePoints().limit(60).forEach(c -> {
            if (c < 0x20 || c == '"' || c == '\\') {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append(value.codePointCount(0, value.length()) > 60 ? "…\"" : "\"").toString();
    }
}
