package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Member;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Team;
import keys.domain.Token;
import keys.domain.UseCase;
import keys.domain.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per rule the API keeps: a small valid world with one record broken. {@code keys import}
 * must refuse the file at the broken record's line, and {@code keys check} must name the record
 * in a directory written with it (store writes take any record: the API is what validates).
 */
class InvariantTableTest {
    @TempDir
    Path tmp;

    private static final String P1 = Fixtures.hex(101);
    private static final String S1 = Fixtures.hex(102);
    private static final String P2 = Fixtures.hex(103);
    private static final String S2 = Fixtures.hex(104);
    private static final String HASH = "a".repeat(64);

    /** Both organizations hold a team "core" and a project "api": slugs are unique per organization only. */
    static List<Change> world() {
        return List.of(
                new Change.PutOrganization(new Organization(1, "acme", "Acme ✓", 1, true, null)),
                new Change.PutOrganization(new Organization(2, "beta", "Beta\nTwo", 1, false, "https://relay.example.com/")),
                new Change.PutUser(new User(3, "a@example.com", true, 1)),
                new Change.PutUser(new User(4, "admin", true, 1)),
                new Change.PutTeam(new Team(5, 1, "core", "Core", 1)),
                new Change.PutTeam(new Team(6, 2, "core", "Core", 1)),
                new Change.PutTeam(new Team(7, 1, "web", "W".repeat(64), 1)),
                new Change.PutProject(new Project(8, 1, "api", "P".repeat(50), "python", 1, List.of(5L, 7L))),
                new Change.PutProject(new Project(9, 2, "api", "API", null, 1, List.of(6L))),
                new Change.PutMember(new Member(10, 1, 3, OrgRole.OWNER, List.of(5L), 1)),
                new Change.PutMember(new Member(11, 2, 3, OrgRole.MEMBER, List.of(6L), 1)),
                new Change.PutToken(new Token(12, 3, "n".repeat(255), HASH, EnumSet.of(Scope.ORG_READ), 1, 0, "abcd")),
                new Change.PutToken(new Token(13, 4, null, "b".repeat(64), Scope.all(), 1, 99, "wxyz")),
                new Change.PutKey(key(14, 8, "Default", P1, S1, 0, 0, null, LoaderOption.DEFAULTS)),
                new Change.PutKey(key(15, 9, "L".repeat(64), P2, S2, 5, 86_400, "latest", 31)));
    }

    private static ClientKey key(long id, long project, String label, String pub, String secret, int count, int window,
                                 String sdk, int loader) {
        return new ClientKey(id, project, label, pub, secret, true, 1, count, window, sdk, loader, UseCase.USER);
    }

    private static ClientKey key(long id, String label) {
        return key(id, 8, label, Fixtures.hex(id), Fixtures.hex(-id), 0, 0, null, 0);
    }

    private static Change org(long id, String slug, String name, String relay) {
        return new Change.PutOrganization(new Organization(id, slug, name, 1, true, relay));
    }

    private static Change token(long id, long user, String name, String hash, long expires) {
        return new Change.PutToken(new Token(id, user, name, hash, EnumSet.of(Scope.ORG_READ), 1, expires, "abcd"));
    }

    /** A row: the record that replaces the world's record of its kind and id (or joins it), and what must be said. */
    record Row(String rule, Change bad, String object, String mention) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Row> rows() {
        String p = "a".repeat(31);
        return Stream.of(
                new Row("two keys with one public key", new Change.PutKey(key(30, 8, "K", P2, Fixtures.hex(30), 0, 0, null, 0)),
                        "key 30", "public key " + P2 + " is already used"),
                new Row("a public key that is another key's secret",
                        new Change.PutKey(key(30, 8, "K", S1, Fixtures.hex(30), 0, 0, null, 0)), "key 30", "public key"),
                new Row("a secret key that is another key's public",
                        new Change.PutKey(key(30, 8, "K", Fixtures.hex(30), P1, 0, 0, null, 0)), "key 30",
                        "secret key is already used"),
                new Row("a key whose secret is its public",
                        new Change.PutKey(key(30, 8, "K", p + "1", p + "1", 0, 0, null, 0)), "key 30",
                        "secret key is already used"),
                new Row("a 500-character label", new Change.PutKey(key(30, "x".repeat(500))), "key 30",
                        "label is 500 characters long, more than 64"),
                new Row("an empty label", new Change.PutKey(key(30, "")), "key 30", "label is empty"),
                new Row("a label with a trailing space", new Change.PutKey(key(30, "Key ")), "key 30", "whitespace"),
                new Row("a label with a NUL", new Change.PutKey(key(30, "a\0b")), "key 30", "NUL"),
                new Row("a rate-limit window of 999,999",
                        new Change.PutKey(key(30, 8, "K", Fixtures.hex(30), Fixtures.hex(-30), 10, 999_999, null, 0)),
                        "key 30", "rateLimitWindow 999999 is not between 0 and 86400"),
                new Row("a negative rate-limit count",
                        new Change.PutKey(key(30, 8, "K", Fixtures.hex(30), Fixtures.hex(-30), -1, 60, null, 0)),
                        "key 30", "rateLimitCount -1 is negative"),
                new Row("a rate-limit count without a window",
                        new Change.PutKey(key(30, 8, "K", Fixtures.hex(30), Fixtures.hex(-30), 10, 0, null, 0)),
                        "key 30", "both 0"),
                new Row("browserSdkVersion 99.x",
                        new Change.PutKey(key(30, 8, "K", Fixtures.hex(30), Fixtures.hex(-30), 0, 0, "99.x", 0)),
                        "key 30", "browserSdkVersion \"99.x\" is not one of"),
                new Row("an unknown loader option bit",
                        new Change.PutKey(key(30, 8, "K", Fixtures.hex(30), Fixtures.hex(-30), 0, 0, null, 64)),
                        "key 30", "loaderOptions 64"),
                new Row("a key of a missing project",
                        new Change.PutKey(key(30, 999, "K", Fixtures.hex(30), Fixtures.hex(-30), 0, 0, null, 0)),
                        "key 30", "belongs to missing project 999"),
                new Row("an organization slug 'Big Org!'", org(30, "Big Org!", "Big", null), "organization 30",
                        "slug \"Big Org!\" is not a slug"),
                new Row("an all-digit organization slug", org(30, "2024", "Y", null), "organization 30", "not a slug"),
                new Row("a 51-character slug", org(30, "s".repeat(51), "S", null), "organization 30", "not a slug"),
                new Row("a taken organization slug", org(30, "beta", "B", null), "organization 30",
                        "slug \"beta\" is already used by organization 2"),
                new Row("a 65-character organization name", org(30, "long", "N".repeat(65), null), "organization 30",
                        "name is 65 characters long, more than 64"),
                new Row("an empty organization name", org(30, "empty", "", null), "organization 30", "name is empty"),
                new Row("a relay that is not an http URL", org(30, "relay", "R", "ftp://relay.example.com/"),
                        "organization 30", "relayDsnEndpoint \"ftp://relay.example.com/\" is not an http(s) URL"),
                new Row("a relay URL of 201 characters", org(30, "relay", "R", "https://r.example/" + "x".repeat(183)),
                        "organization 30", "relayDsnEndpoint"),
                new Row("an invalid email", new Change.PutUser(new User(30, "not an email", false, 1)), "user 30",
                        "email \"not an email\" is not a valid"),
                new Row("an email not lowercased", new Change.PutUser(new User(30, "B@example.com", false, 1)), "user 30",
                        "email"),
                new Row("a taken email", new Change.PutUser(new User(30, "a@example.com", false, 1)), "user 30",
                        "email \"a@example.com\" is already used by user 3"),
                new Row("a team slug with a space", new Change.PutTeam(new Team(30, 1, "Core Team", "C", 1)), "team 30",
                        "slug \"Core Team\" is not a slug"),
                new Row("a team slug taken in its organization", new Change.PutTeam(new Team(30, 1, "web", "W", 1)),
                        "team 30", "slug \"web\" is already used by team 7"),
                new Row("a 65-character team name", new Change.PutTeam(new Team(30, 1, "t", "T".repeat(65), 1)), "team 30",
                        "name is 65 characters long"),
                new Row("a team of a missing organization", new Change.PutTeam(new Team(30, 999, "t", "T", 1)), "team 30",
                        "belongs to missing organization 999"),
                new Row("a project slug taken in its organization",
                        new Change.PutProject(new Project(30, 2, "api", "A", null, 1, List.of())), "project 30",
                        "slug \"api\" is already used by project 9"),
                new Row("an invalid project slug",
                        new Change.PutProject(new Project(30, 2, "-A-", "A", null, 1, List.of())), "project 30", "not a slug"),
                new Row("a 51-character project name",
                        new Change.PutProject(new Project(30, 2, "p", "N".repeat(51), null, 1, List.of())), "project 30",
                        "name is 51 characters long, more than 50"),
                new Row("a platform with a space",
                        new Change.PutProject(new Project(30, 2, "p", "P", "Py thon", 1, List.of())), "project 30",
                        "platform \"Py thon\""),
                new Row("a project naming another organization's team",
                        new Change.PutProject(new Project(30, 2, "p", "P", null, 1, List.of(5L))), "project 30",
                        "names team 5, which is not a team of its organization"),
                new Row("a member without a role", new Change.PutMember(new Member(30, 1, 4, null, List.of(), 1)),
                        "member 30", "role is missing"),
                new Row("a user twice a member", new Change.PutMember(new Member(30, 1, 3, OrgRole.ADMIN, List.of(), 1)),
                        "member 30", "user 3 is already used by member 10"),
                new Row("a member of a missing user", new Change.PutMember(new Member(30, 1, 999, OrgRole.ADMIN, List.of(), 1)),
                        "member 30", "belongs to missing user 999"),
                new Row("a member in another organization's team",
                        new Change.PutMember(new Member(30, 1, 4, OrgRole.ADMIN, List.of(6L), 1)), "member 30",
                        "names team 6"),
                new Row("a 256-character token name", token(30, 3, "n".repeat(256), "c".repeat(64), 0), "token 30",
                        "name is 256 characters long, more than 255"),
                new Row("a token hash that is not SHA-256 hex", token(30, 3, "t", "XYZ", 0), "token 30", "hash is not"),
                new Row("a token hash in capitals", token(30, 3, "t", "C".repeat(64), 0), "token 30", "hash is not"),
                new Row("a taken token hash", token(30, 3, "t", HASH, 0), "token 30", "hash is already used by token 12"),
                new Row("a negative expiry", token(30, 3, "t", "c".repeat(64), -5), "token 30", "expiresMicros -5"),
                new Row("a token of a missing user", token(30, 999, "t", "c".repeat(64), 0), "token 30",
                        "belongs to missing user 999"),
                new Row("an id of two kinds", new Change.PutTeam(new Team(1, 1, "same-id", "S", 1)), "team 1",
                        "id 1 is already used by the organization with that id"),
                new Row("id 0", org(0, "zero", "Z", null), "organization 0", "id 0 is not positive"));
    }

    /** The world with {@code bad} in place of the record of its kind and id, in export order. */
    static List<Change> corrupted(Change bad) {
        List<Change> out = new ArrayList<>(world());
        out.removeIf(c -> kind(c) == kind(bad) && InvariantCheck.idOf(c) == InvariantCheck.idOf(bad));
        out.add(bad);
        out.sort(Comparator.comparingInt(InvariantTableTest::kind).thenComparingLong(InvariantCheck::idOf));
        return out;
    }

    /** Rows only a data directory can hold: JSON text carries no lone surrogate (the parser reads U+FFFD). */
    static Stream<Row> checkRows() {
        return Stream.concat(rows(), Stream.of(new Row("a label with a lone surrogate",
                new Change.PutKey(key(30, "a\uD800b")), "key 30", "holds an unpaired surrogate")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void importRefusesTheLine(Row row) {
        List<Change> changes = corrupted(row.bad());
        long line = changes.indexOf(row.bad()) + 2; // the meta line is line 1
        ImportFormatException e = assertThrows(ImportFormatException.class, () -> importText(file(changes)));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + line + ": " + row.object() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(row.mention()), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkRows")
    void checkNamesTheObject(Row row) {
        Path dir = tmp.resolve("data");
        write(dir, corrupted(row.bad()));
        CheckReport r = Store.check(dir);
        assertFalse(r.ok(), r.describe());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains(row.object() + ": ") && p.contains(row.mention())),
                r.describe());
        assertTrue(r.describe().contains("DAMAGED"), r.describe());
    }

    @Test
    void theWorldIsValidAndRoundTrips() {
        Path dir = tmp.resolve("data");
        write(dir, world());
        assertTrue(Store.check(dir).ok(), Store.check(dir).describe());
        State imported = importText(file(world()));
        assertEquals(world(), imported.asChanges());
    }

    @Test
    void aFileMayEndInBlankLines() {
        assertEquals(world(), importText(file(world()) + "\n").asChanges());
        assertEquals(world(), importText(file(world()) + "\r\n  \n").asChanges());
    }

    @Test
    void aBlankLineInsideTheFileIsRefusedByNumber() {
        String text = file(world());
        int second = text.indexOf('\n') + 1;
        String broken = text.substring(0, second) + "\n" + text.substring(second);
        ImportFormatException e = assertThrows(ImportFormatException.class, () -> importText(broken));
        assertEquals(2, e.line(), e.getMessage());
        assertThrows(ImportFormatException.class, () -> importText("\n\n"));
    }

    /** A reference may point forward in a hand-made file; one that never resolves names its own line. */
    @Test
    void referencesMayPointForward() {
        List<Change> reversed = new ArrayList<>(world());
        java.util.Collections.reverse(reversed);
        assertEquals(world(), importText(file(reversed)).asChanges());
    }

    private static State importText(String text) {
        try {
            return JsonImport.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path dir, List<Change> changes) {
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            store.write(tx -> {
                changes.forEach(tx::add);
                return null;
            });
        }
    }

    /** An export file holding exactly {@code changes}, in their order: each line as the exporter writes it. */
    static String file(List<Change> changes) {
        StringBuilder b = new StringBuilder("{\"type\":\"meta\",\"format\":1,\"lastId\":1000}\n");
        for (Change c : changes) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Store.export(State.empty().apply(List.of(c)), out);
            String text = out.toString(StandardCharsets.UTF_8);
            b.append(text, text.indexOf('\n') + 1, text.length());
        }
        return b.toString();
    }

    private static int kind(Change c) {
        return switch (c) {
            case Change.PutOrganization o -> 0;
            case Change.PutUser u -> 1;
            case Change.PutTeam t -> 2;
            case Change.PutProject p -> 3;
            case Change.PutMember m -> 4;
            case Change.PutToken t -> 5;
            case Change.PutKey k -> 6;
            default -> throw new IllegalArgumentException(c.toString());
        };
    }
}
