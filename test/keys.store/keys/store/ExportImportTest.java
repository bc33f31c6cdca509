package keys.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportImportTest {
    @TempDir
    Path tmp;

    /** Every record type, nulls where they are allowed, characters that need escaping, unused ids at the end. */
    private static State world(Path dir) {
        try (Store store = Store.open(dir, Fixtures.FAST)) {
            store.write(tx -> {
                long org = tx.nextId();
                long org2 = tx.nextId();
                long user = tx.nextId();
                long team = tx.nextId();
                long team2 = tx.nextId();
                long project = tx.nextId();
                long member = tx.nextId();
                long token = tx.nextId();
                tx.add(new Change.PutOrganization(new Organization(org, "acme", "Acme \"Ünïcødé\" \uD83D\uDE00", 10, true, null)));
                tx.add(new Change.PutOrganization(new Organization(org2, "beta", "Beta\nLine", 11, false,
                        "https://relay.example.com/")));
                tx.add(new Change.PutUser(new User(user, "a@example.com", true, 12)));
                tx.add(new Change.PutTeam(new Team(team, org, "core", "Core", 13)));
                tx.add(new Change.PutTeam(new Team(team2, org, "web", "Web", 14)));
                tx.add(new Change.PutProject(new Project(project, org, "api", "API", null, 15, List.of(team2, team))));
                tx.add(new Change.PutMember(new Member(member, org, user, OrgRole.MANAGER, List.of(team), 16)));
                tx.add(new Change.PutToken(new Token(token, user, "ci", "ab".repeat(32),
                        EnumSet.of(Scope.PROJECT_READ, Scope.ORG_ADMIN), 17, 0, "abcd")));
                for (int i = 0; i < 3; i++) {
                    long id = tx.nextId();
                    tx.add(new Change.PutKey(new ClientKey(id, project, "Key " + i, Fixtures.hex(id), Fixtures.hex(-id),
                            i != 1, 18 + i, i, i * 60, i == 2 ? "8.x" : null, i, UseCase.values()[i])));
                }
                tx.nextId(); // allocated, never used: lastId must still survive the round trip
                return null;
            });
            return store.state();
        }
    }

    @Test
    void exportImportExportGivesTheSameBytes() {
        State original = world(tmp.resolve("a"));
        byte[] first = Fixtures.exportBytes(original);
        Path copy = tmp.resolve("b");
        Store.importInto(copy, new ByteArrayInputStream(first), Fixtures.FAST);
        try (Store store = Store.open(copy, Fixtures.FAST)) {
            Fixtures.assertSameState(original, store.state());
            assertArrayEquals(first, Fixtures.exportBytes(store.state()));
            Fixtures.addKey(store, Fixtures.projectOf(store.state())); // and it takes writes
        }
    }

    @Test
    void theFormatIsOneTypedObjectPerLineParentsFirst() {
        String text = new String(Fixtures.exportBytes(world(tmp.resolve("a"))), StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertTrue(text.endsWith("\n"));
        assertEquals("{\"type\":\"meta\",\"format\":1,\"lastId\":12}", lines.getFirst());
        List<String> types = lines.stream().map(l -> l.substring(9, l.indexOf('"', 9))).toList();
        assertEquals(List.of("meta", "organization", "organization", "user", "team", "team", "project", "member",
                "token", "key", "key", "key"), types);
        assertEquals("{\"type\":\"project\",\"id\":6,\"orgId\":1,\"slug\":\"api\",\"name\":\"API\",\"platform\":null,"
                + "\"createdMicros\":15,\"teamIds\":[4,5]}", lines.get(6));
        assertTrue(lines.get(8).contains("\"hash\":\"abab") && lines.get(8).contains("\"scopes\":[\"org:admin\",\"project:read\"]"),
                lines.get(8));
    }

    @Test
    void importRefusesADirectoryThatHoldsData() {
        Path dir = tmp.resolve("full");
        byte[] bytes = Fixtures.exportBytes(world(dir));
        StoreNotEmptyException e = assertThrows(StoreNotEmptyException.class,
                () -> Store.importInto(dir, new ByteArrayInputStream(bytes), Fixtures.FAST));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void importRefusesWhatExportNeverWrites() {
        String meta = "{\"type\":\"meta\",\"format\":1,\"lastId\":9}\n";
        String org = "{\"type\":\"organization\",\"id\":1,\"slug\":\"a\",\"name\":\"A\",\"createdMicros\":1,"
                + "\"openMembership\":true,\"relayDsnEndpoint\":null}\n";
        assertRefused("", 0, "empty");
        assertRefused(org, 1, "meta");
        assertRefused(meta.replace(":1,", ":3,"), 1, "format 3");
        assertRefused(meta + "{nope\n", 2, "JSON");
        assertRefused(meta + org.replace("\"a\",", "\"a\",\"extra\":1,"), 2, "unknown field");
        assertRefused(meta + org.replace("\"id\":1", "\"id\":\"1\""), 2, "id");
        assertRefused(meta + org + org, 3, "second organization");
        assertRefused(meta + "{\"type\":\"team\",\"id\":2,\"orgId\":7,\"slug\":\"t\",\"name\":\"T\",\"createdMicros\":1}\n",
                2, "team 2: belongs to missing organization 7");
        assertRefused(meta.replace("9", "0") + org, 1, "lastId");
        assertRefused(meta + "{\"type\":\"key\",\"id\":2,\"projectId\":1,\"label\":\"k\",\"publicKey\":\"XYZ\","
                + "\"secretKey\":\"00000000000000000000000000000000\",\"active\":true,\"createdMicros\":1,"
                + "\"rateLimitCount\":0,\"rateLimitWindow\":0,\"browserSdkVersion\":null,\"loaderOptions\":0,"
                + "\"useCase\":\"user\"}\n", 2, "hex");
    }

    private void assertRefused(String input, long line, String mention) {
        Path dir = tmp.resolve("refused-" + Math.abs(input.hashCode()));
        ImportFormatException e = assertThrows(ImportFormatException.class, () ->
                Store.importInto(dir, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), Fixtures.FAST));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(mention), e.getMessage());
        assertTrue(DataDirEmpty.of(dir), "a refused import left data behind");
    }

    /** True when a directory holds no log or snapshot. */
    private static final class DataDirEmpty {
        static boolean of(Path dir) {
            try {
                return !Files.exists(dir) || DataDir.logs(dir).isEmpty() && DataDir.snapshots(dir).isEmpty();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
