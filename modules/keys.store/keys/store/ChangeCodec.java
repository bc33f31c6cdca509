package keys.store;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import keys.domain.AuditEntry;
import keys.domain.ClientKey;
import keys.domain.Member;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Team;
import keys.domain.Token;
import keys.domain.UseCase;
import keys.domain.User;

/**
 * The binary form of one write: {@code [format u8][lastId varint][count varint]} then per change
 * a tag byte and its fields in record order: ids, times and small ints as varints, strings
 * length-prefixed (nullable), a client key's public and secret keys as 16 raw bytes each. Enums are stored by wire name, not ordinal, so that
 * reordering an enum cannot silently change what old logs mean. A later release that changes the
 * layout bumps {@link #FORMAT} and keeps a reader for every older one: format 1 (0.1.0) has no
 * token minter, format 2 ends a token with the id of the token that minted it (0 for none),
 * format 3 adds audit entries (tag {@code PUT_AUDIT}, which older formats never hold), format 4
 * the retention cut (tag {@code DROP_AUDIT_BEFORE}).
 */
final class ChangeCodec {
    static final int FORMAT = 4;
    /** The format 0.1.0 wrote: tokens without {@code mintedBy}. */
    static final int FORMAT_0_1 = 1;

    /** A decoded payload: the changes and the id counter after them. */
    record Batch(long lastId, List<Change> changes) {
    }

    private static final int PUT_ORGANIZATION = 1;
    private static final int DELETE_ORGANIZATION = 2;
    private static final int PUT_TEAM = 3;
    private static final int DELETE_TEAM = 4;
    private static final int PUT_PROJECT = 5;
    private static final int DELETE_PROJECT = 6;
    private static final int PUT_USER = 7;
    private static final int DELETE_USER = 8;
    private static final int PUT_MEMBER = 9;
    private static final int DELETE_MEMBER = 10;
    private static final int PUT_TOKEN = 11;
    private static final int DELETE_TOKEN = 12;
    private static final int PUT_KEY = 13;
    private static final int DELETE_KEY = 14;
    private static final int PUT_AUDIT = 15;
    private static final int DROP_AUDIT_BEFORE = 16;

    private ChangeCodec() {
    }

    static byte[] encode(long lastId, List<Change> changes) {
        PayloadWriter w = new PayloadWriter(32 + changes.size() * 48);
        encode(w, lastId, changes);
        return w.toByteArray();
    }

    /** As {@link #encode(long, List)}, onto what {@code w} holds. */
    static void encode(PayloadWriter w, long lastId, List<Change> changes) {
        w.u8(FORMAT);
        w.varLong(lastId);
        w.varInt(changes.size());
        for (Change c : changes) {
            write(w, c);
        }
    }

    static Batch decode(byte[] payload) throws PayloadFormatException {
        return decode(payload, 0, payload.length);
    }

    static Batch decode(byte[] payload, int off, int len) throws PayloadFormatException {
        PayloadReader r = new PayloadReader(payload, off, len);
        int format = r.u8();
        if (format < FORMAT_0_1 || format > FORMAT) {
            throw new PayloadFormatException("payload format " + format + " is not one this release reads ("
                    + FORMAT + "); a newer release wrote it?");
        }
        long lastId = r.varLong();
        int count = r.count(2); // every change is a tag and at least one varint
        List<Change> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try {
                changes.add(read(r, format));
            } catch (IllegalArgumentException | NullPointerException e) {
                // a domain constructor refused what the bytes say (a null label, say)
                throw new PayloadFormatException("change " + i + " is not a valid record: " + e.getMessage());
            }
        }
        r.expectEnd();
        return new Batch(lastId, changes);
    }

    private static void write(PayloadWriter w, Change change) {
        switch (change) {
            case Change.PutOrganization(Organization o) -> {
                w.u8(PUT_ORGANIZATION);
                w.varLong(o.id());
                w.string(o.slug());
                w.string(o.name());
                w.varLong(o.createdMicros());
                w.bool(o.openMembership());
                w.string(o.relayDsnEndpoint());
            }
            case Change.PutTeam(Team t) -> {
                w.u8(PUT_TEAM);
                w.varLong(t.id());
                w.varLong(t.orgId());
                w.string(t.slug());
                w.string(t.name());
                w.varLong(t.createdMicros());
            }
            case Change.PutProject(Project p) -> {
                w.u8(PUT_PROJECT);
                w.varLong(p.id());
                w.varLong(p.orgId());
                w.string(p.slug());
                w.string(p.name());
                w.string(p.platform());
                w.varLong(p.createdMicros());
                ids(w, p.teamIds());
            }
            case Change.PutUser(User u) -> {
                w.u8(PUT_USER);
                w.varLong(u.id());
                w.string(u.email());
                w.bool(u.superuser());
                w.varLong(u.createdMicros());
            }
            case Change.PutMember(Member m) -> {
                w.u8(PUT_MEMBER);
                w.varLong(m.id());
                w.varLong(m.orgId());
                w.varLong(m.userId());
                w.string(m.role() == null ? null : m.role().wire());
                ids(w, m.teamIds());
                w.varLong(m.createdMicros());
            }
            case Change.PutToken(Token t) -> {
                w.u8(PUT_TOKEN);
                w.varLong(t.id());
                w.varLong(t.userId());
                w.string(t.name());
                w.string(t.hashHex());
                w.varInt(t.scopes().size());
                for (Scope s : t.scopes()) {
                    w.string(s.wire());
                }
                w.varLong(t.createdMicros());
                w.varLong(t.expiresMicros());
                w.string(t.lastCharacters());
                w.varLong(t.mintedBy());
            }
            case Change.PutKey(ClientKey k) -> {
                w.u8(PUT_KEY);
                w.varLong(k.id());
                w.varLong(k.projectId());
                w.string(k.label());
                w.fixed64(k.publicKeyHigh());
                w.fixed64(k.publicKeyLow());
                w.fixed64(k.secretKeyHigh());
                w.fixed64(k.secretKeyLow());
                w.bool(k.active());
                w.varLong(k.createdMicros());
                w.varInt(k.rateLimitCount());
                w.varInt(k.rateLimitWindow());
                w.string(k.browserSdkVersion());
                w.varInt(k.loaderOptions());
                w.string(k.useCase() == null ? null : k.useCase().wire());
            }
            case Change.DeleteOrganization(long id) -> idOnly(w, DELETE_ORGANIZATION, id);
            case Change.DeleteTeam(long id) -> idOnly(w, DELETE_TEAM, id);
            case Change.DeleteProject(long id) -> idOnly(w, DELETE_PROJECT, id);
            case Change.DeleteUser(long id) -> idOnly(w, DELETE_USER, id);
            case Change.DeleteMember(long id) -> idOnly(w, DELETE_MEMBER, id);
            case Change.DeleteToken(long id) -> idOnly(w, DELETE_TOKEN, id);
            case Change.DeleteKey(long projectId, long id) -> {
                w.u8(DELETE_KEY);
                w.varLong(projectId);
                w.varLong(id);
            }
            case Change.PutAudit(AuditEntry a) -> {
                w.u8(PUT_AUDIT);
                w.varLong(a.id());
                w.varLong(a.orgId());
                w.varInt(a.event());
                w.varLong(a.actorId());
                w.string(a.ipAddress());
                w.varLong(a.targetObject());
                w.varLong(a.targetUserId());
                w.string(a.data());
                w.varLong(a.createdMicros());
            }
            case Change.DropAuditBefore(long micros) -> {
                w.u8(DROP_AUDIT_BEFORE);
                w.fixed64(micros);
            }
        }
    }

    private static Change read(PayloadReader r, int format) throws PayloadFormatException {
        int tag = r.u8();
        return switch (tag) {
            case PUT_ORGANIZATION -> new Change.PutOrganization(new Organization(r.varLong(), r.string(),
                    r.string(), r.varLong(), r.bool(), r.string()));
            case PUT_TEAM -> new Change.PutTeam(new Team(r.varLong(), r.varLong(), r.string(), r.string(),
                    r.varLong()));
            case PUT_PROJECT -> new Change.PutProject(new Project(r.varLong(), r.varLong(), r.string(),
                    r.string(), r.string(), r.varLong(), ids(r)));
            case PUT_USER -> new Change.PutUser(new User(r.varLong(), r.string(), r.bool(), r.varLong()));
            case PUT_MEMBER -> new Change.PutMember(new Member(r.varLong(), r.varLong(), r.varLong(),
                    role(r.string()), ids(r), r.varLong()));
            case PUT_TOKEN -> new Change.PutToken(new Token(r.varLong(), r.varLong(), r.string(), r.string(),
                    scopes(r), r.varLong(), r.varLong(), r.string(), format == FORMAT_0_1 ? 0 : r.varLong()));
            case PUT_KEY -> new Change.PutKey(key(r));
            case DELETE_ORGANIZATION -> new Change.DeleteOrganization(r.varLong());
            case DELETE_TEAM -> new Change.DeleteTeam(r.varLong());
            case DELETE_PROJECT -> new Change.DeleteProject(r.varLong());
            case DELETE_USER -> new Change.DeleteUser(r.varLong());
            case DELETE_MEMBER -> new Change.DeleteMember(r.varLong());
            case DELETE_TOKEN -> new Change.DeleteToken(r.varLong());
            case DELETE_KEY -> new Change.DeleteKey(r.varLong(), r.varLong());
            case PUT_AUDIT -> {
                if (format < 3) {
                    throw new PayloadFormatException("an audit entry in payload format " + format);
                }
                yield new Change.PutAudit(new AuditEntry(r.varLong(), r.varLong(), r.varInt(), r.varLong(),
                        r.string(), r.varLong(), r.varLong(), r.string(), r.varLong()));
            }
            case DROP_AUDIT_BEFORE -> {
                if (format < 4) {
                    throw new PayloadFormatException("an audit retention cut in payload format " + format);
                }
                yield new Change.DropAuditBefore(r.fixed64());
            }
            default -> throw new PayloadFormatException("unknown change tag " + tag);
        };
    }

    /** A key's 32 hex digits as their 16 bytes. */
    private static void idOnly(PayloadWriter w, int tag, long id) {
        w.u8(tag);
        w.varLong(id);
    }

    /** Ascending ids as wrapping deltas: small numbers for the usual close ids, exact for any longs. */
    private static void ids(PayloadWriter w, List<Long> ids) {
        w.varInt(ids.size());
        long prev = 0;
        for (long id : ids) {
            w.varLong(id - prev);
            prev = id;
        }
    }

    private static List<Long> ids(PayloadReader r) throws PayloadFormatException {
        int n = r.count(1);
        List<Long> out = new ArrayList<>(n);
        long prev = 0;
        for (int i = 0; i < n; i++) {
            prev += r.varLong();
            out.add(prev);
        }
        return out;
    }

    private static Set<Scope> scopes(PayloadReader r) throws PayloadFormatException {
        int n = r.count(1);
        EnumSet<Scope> out = EnumSet.noneOf(Scope.class);
        for (int i = 0; i < n; i++) {
            String wire = r.string();
            out.add(Scope.parse(wire).orElseThrow(() -> new PayloadFormatException("unknown scope " + wire)));
        }
        return out;
    }

    private static OrgRole role(String wire) throws PayloadFormatException {
        return wire == null ? null
                : OrgRole.parse(wire).orElseThrow(() -> new PayloadFormatException("unknown role " + wire));
    }

    /** An ASCII label (the usual one) goes from the payload into the key in one copy. */
    private static ClientKey key(PayloadReader r) throws PayloadFormatException {
        long id = r.varLong();
        long projectId = r.varLong();
        int from = r.ascii();
        if (from < 0) {
            return ClientKey.ofKeyBits(id, projectId, label(r.string()), r.fixed64(), r.fixed64(), r.fixed64(),
                    r.fixed64(), r.bool(), r.varLong(), r.varInt(), r.varInt(), r.string(), r.varInt(), useCase(r));
        }
        return ClientKey.ofKeyBits(id, projectId, r.buffer(), from, r.position(), r.fixed64(), r.fixed64(),
                r.fixed64(), r.fixed64(), r.bool(), r.varLong(), r.varInt(), r.varInt(), r.string(), r.varInt(),
                useCase(r));
    }

    /** A key's label; the common "Default" shares one string (a million keys, one copy). */
    private static String label(String label) throws PayloadFormatException {
        if (label == null) {
            throw new PayloadFormatException("key without a label");
        }
        return label.equals("Default") ? "Default" : label;
    }

    private static final UseCase[] USE_CASES = UseCase.values();
    private static final String[] USE_CASE_WIRES = wires(USE_CASES);

    /** A loop, not a stream: a stream's first use initialises its pipeline classes at every start. */
    private static String[] wires(UseCase[] useCases) {
        String[] wires = new String[useCases.length];
        for (int i = 0; i < useCases.length; i++) {
            wires[i] = useCases[i].wire();
        }
        return wires;
    }

    /** A key's use case; the known ones without a string per key (a snapshot may hold millions). */
    private static UseCase useCase(PayloadReader r) throws PayloadFormatException {
        int known = r.oneOf(USE_CASE_WIRES);
        return known >= 0 ? USE_CASES[known] : useCase(r.string());
    }

    private static UseCase useCase(String wire) throws PayloadFormatException {
        return wire == null ? null
                : UseCase.parse(wire).orElseThrow(() -> new PayloadFormatException("unknown use case " + wire));
    }
}
