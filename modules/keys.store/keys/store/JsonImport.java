package keys.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import keys.json.Json;
import keys.json.JsonParseException;
import keys.json.JsonWriter;

/**
 * Reads what {@link JsonExport} writes, strictly: every field present with its type, no unknown
 * fields, a meta line first, and every rule the API keeps ({@link InvariantCheck}: no duplicate
 * ids, slugs or key values, no dangling references, lengths, ranges and choices), refused at the
 * line that breaks it. Blank lines may end the file. Strictness is what makes an export of the
 * import give back the same bytes. The result is written as a snapshot into a directory that must
 * hold no log or snapshot yet.
 */
final class JsonImport {
    private static final int MAX_LINE = 16 << 20;

    private JsonImport() {
    }

    static void into(Path dir, InputStream in, StoreOptions options) throws IOException {
        DataDir.create(dir, options.channels());
        StoreLock lock = StoreLock.acquire(dir); // no server may open the directory halfway through
        try {
            List<DataDir.Numbered> present = new ArrayList<>(DataDir.logs(dir));
            present.addAll(DataDir.snapshots(dir));
            if (!present.isEmpty()) {
                throw new StoreNotEmptyException(dir, present.getFirst().file().getFileName().toString());
            }
            State state = read(in);
            try (AuditRowWriter rows = AuditRowWriter.resume(dir, 0, options.channels())) {
                state = state.withAuditRowsOnDisk(rows);
                rows.sync();
                SnapshotFile.write(dir, 0, state, rows.end(), options.channels(), CompactionHook.NONE);
            }
        } finally {
            lock.close();
        }
    }

    static State read(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        List<Change> changes = new ArrayList<>();
        InvariantCheck rules = new InvariantCheck();
        long lastId = -1;
        long lastAuditId = 0;
        long lineNo = 0;
        long blank = 0; // the first blank line of the current run: fine at the end of the file only
        for (byte[] line; (line = nextLine(in, lineNo + 1)) != null; ) {
            lineNo++;
            if (isBlank(line)) {
                blank = blank == 0 ? lineNo : blank;
                continue;
            }
            if (blank != 0) {
                throw new ImportFormatException(blank, "a blank line inside the file (one may only end it)");
            }
            Fields f = new Fields(lineNo, parse(line, lineNo));
            String type = f.string("type");
            if (lineNo == 1) {
                if (!"meta".equals(type)) {
                    throw new ImportFormatException(1, "the first line must be the meta line, not type " + type);
                }
                long format = f.number("format");
                if (format != JsonExport.FORMAT && format != JsonExport.FORMAT_0_1) {
                    throw new ImportFormatException(1, "export format " + format + " (this release reads "
                            + JsonExport.FORMAT + ")");
                }
                lastId = f.number("lastId");
                if (format != JsonExport.FORMAT_0_1) {
                    lastAuditId = f.number("lastAuditId");
                    if (lastAuditId <= 0) {
                        throw new ImportFormatException(1, "format " + format + " needs a positive lastAuditId");
                    }
                }
                f.end();
                continue;
            }
            Change c = change(type, f, lineNo);
            f.end();
            refuse(rules.add(c, lineNo));
            changes.add(c);
        }
        if (lineNo == 0 || blank == 1) {
            throw new ImportFormatException(0, "empty input: not an export");
        }
        refuse(rules.finish());
        State state = State.empty().apply(changes);
        if (lastId < state.lastId()) {
            throw new ImportFormatException(1, "lastId " + lastId + " is below the highest id in the file ("
                    + state.lastId() + ")");
        }
        if (lastAuditId < state.lastAuditId()) {
            throw new ImportFormatException(1, "lastAuditId " + lastAuditId + " is below the highest audit id in the"
                    + " file (" + state.lastAuditId() + ")");
        }
        return state.withLastId(lastId).withLastAuditId(lastAuditId);
    }

    /** Stops the import at the first rule the API would have kept, naming its line. */
    private static void refuse(List<InvariantCheck.Violation> violations) {
        if (!violations.isEmpty()) {
            InvariantCheck.Violation v = violations.getFirst();
            throw new ImportFormatException(v.line(), v.toString());
        }
    }

    /** Spaces, tabs and a carriage return only (an editor's last line). */
    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static Change change(String type, Fields f, long lineNo) {
        try {
            return switch (type == null ? "" : type) {
                case "organization" -> new Change.PutOrganization(new Organization(f.number("id"), f.string("slug"),
                        f.string("name"), f.number("createdMicros"), f.bool("openMembership"),
                        f.string("relayDsnEndpoint")));
                case "user" -> new Change.PutUser(new User(f.number("id"), f.string("email"), f.bool("superuser"),
                        f.number("createdMicros")));
                case "team" -> new Change.PutTeam(new Team(f.number("id"), f.number("orgId"), f.string("slug"),
                        f.string("name"), f.number("createdMicros")));
                case "project" -> new Change.PutProject(new Project(f.number("id"), f.number("orgId"),
                        f.string("slug"), f.string("name"), f.string("platform"), f.number("createdMicros"),
                        f.ids("teamIds")));
                case "member" -> new Change.PutMember(new Member(f.number("id"), f.number("orgId"),
                        f.number("userId"), f.role("role"), f.ids("teamIds"), f.number("createdMicros")));
                case "token" -> new Change.PutToken(new Token(f.number("id"), f.number("userId"), f.string("name"),
                        f.string("hash"), f.scopes("scopes"), f.number("createdMicros"), f.number("expiresMicros"),
                        f.string("lastCharacters"), f.optionalNumber("mintedBy")));
                case "key" -> new Change.PutKey(new ClientKey(f.number("id"), f.number("projectId"),
                        f.string("label"), f.string("publicKey"), f.string("secretKey"), f.bool("active"),
                        f.number("createdMicros"), f.integer("rateLimitCount"), f.integer("rateLimitWindow"),
                        f.string("browserSdkVersion"), f.integer("loaderOptions"), f.useCase("useCase")));
                case "audit" -> new Change.PutAudit(new AuditEntry(f.number("id"), f.number("orgId"),
                        f.integer("event"), f.number("actorId"), f.string("ipAddress"), f.number("targetObject"),
                        f.number("targetUserId"), f.object("data"), f.number("createdMicros")));
                default -> throw new ImportFormatException(lineNo, "unknown type " + type);
            };
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ImportFormatException(lineNo, "not a valid " + type + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> parse(byte[] line, long lineNo) {
        Object tree;
        try {
            tree = Json.parse(line);
        } catch (JsonParseException e) {
            throw new ImportFormatException(lineNo, "not JSON: " + e.getMessage());
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw new ImportFormatException(lineNo, "not a JSON object");
        }
        @SuppressWarnings("unchecked") // Json.parse makes objects with String keys
        Map<String, Object> fields = (Map<String, Object>) map;
        return fields;
    }

    /** The next non-empty line without its newline, or null at the end of input. */
    private static byte[] nextLine(InputStream in, long lineNo) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= MAX_LINE) {
                throw new ImportFormatException(lineNo, "line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        return line.toByteArray();
    }

    /** One object's fields, each taken once; {@link #end()} rejects any left over. */
    private static final class Fields {
        private final long line;
        private final Map<String, Object> map;

        Fields(long line, Map<String, Object> map) {
            this.line = line;
            this.map = new HashMap<>(map);
        }

        private Object take(String name) {
            if (!map.containsKey(name)) {
                throw new ImportFormatException(line, "missing field " + name);
            }
            return map.remove(name);
        }

        String string(String name) {
            Object v = take(name);
            if (v != null && !(v instanceof String)) {
                throw new ImportFormatException(line, name + " must be a string or null");
            }
            return (String) v;
        }

        long number(String name) {
            Object v = take(name);
            if (!(v instanceof Long l)) {
                throw new ImportFormatException(line, name + " must be an integer");
            }
            return l;
        }

        /** A field 0.1.0 did not write: 0 when absent. */
        long optionalNumber(String name) {
            return map.containsKey(name) ? number(name) : 0;
        }

        int integer(String name) {
            long v = number(name);
            if (v != (int) v) {
                throw new ImportFormatException(line, name + " " + v + " is out of range");
            }
            return (int) v;
        }

        /** A JSON object, kept as the exact text the export writes for it. */
        String object(String name) {
            if (!(take(name) instanceof Map<?, ?> map)) {
                throw new ImportFormatException(line, name + " must be an object");
            }
            return new String(JsonWriter.encode(map), StandardCharsets.UTF_8);
        }

        boolean bool(String name) {
            if (!(take(name) instanceof Boolean b)) {
                throw new ImportFormatException(line, name + " must be true or false");
            }
            return b;
        }

        List<Long> ids(String name) {
            if (!(take(name) instanceof List<?> list)) {
                throw new ImportFormatException(line, name + " must be an array");
            }
            List<Long> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof Long id)) {
                    throw new ImportFormatException(line, name + " must hold integers");
                }
                out.add(id);
            }
            return out;
        }

        Set<Scope> scopes(String name) {
            if (!(take(name) instanceof List<?> list)) {
                throw new ImportFormatException(line, name + " must be an array");
            }
            Set<Scope> out = EnumSet.noneOf(Scope.class);
            for (Object o : list) {
                out.add(Scope.parse(o instanceof String s ? s : "")
                        .orElseThrow(() -> new ImportFormatException(line, "unknown scope " + o)));
            }
            return out;
        }

        OrgRole role(String name) {
            String wire = string(name);
            return wire == null ? null
                    : OrgRole.parse(wire).orElseThrow(() -> new ImportFormatException(line, "unknown role " + wire));
        }

        UseCase useCase(String name) {
            String wire = string(name);
            return wire == null ? null
                    : UseCase.parse(wire).orElseThrow(() -> new ImportFormatException(line, "unknown use case " + wire));
        }

        void end() {
            map.remove("type");
            if (!map.isEmpty()) {
                throw new ImportFormatException(line, "unknown field(s) " + map.keySet());
            }
        }
    }
}
