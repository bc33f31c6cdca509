package keys.cli;

import static keys.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import keys.domain.ClientKey;
import keys.domain.LoaderOption;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.UseCase;
import keys.store.Change;
import keys.store.Store;
import keys.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person sees when a file or a directory holds data the API would never write: the line, the object, exit 1. */
class DataIntegrityCommandTest {
    @TempDir
    Path tmp;

    /** A directory with two keys sharing one public key, written past the API. */
    private Path twoKeysOnePublicKey() {
        Path data = tmp.resolve("data");
        try (Store store = Store.open(data, StoreOptions.defaults())) {
            store.write(tx -> {
                tx.add(new Change.PutOrganization(new Organization(1, "acme", "Acme", 1, true, null)));
                tx.add(new Change.PutProject(new Project(2, 1, "api", "API", null, 1, List.of())));
                String shared = "a".repeat(32);
                tx.add(new Change.PutKey(new ClientKey(3, 2, "One", shared, "b".repeat(32), true, 1, 0, 0, null,
                        LoaderOption.DEFAULTS, UseCase.USER)));
                tx.add(new Change.PutKey(new ClientKey(4, 2, "Two", shared, "c".repeat(32), true, 1, 0, 0, null,
                        LoaderOption.DEFAULTS, UseCase.USER)));
                return null;
            });
        }
        return data;
    }

    @Test
    void checkNamesTheObjectAndExitsOne() {
        MainTest.Outcome check = run(Map.of(), "check", "--data", twoKeysOnePublicKey().toString());
        assertEquals(1, check.code(), check.out() + check.err());
        assertTrue(check.out().contains("key 4: public key " + "a".repeat(32) + " is already used"), check.out());
    }

    @Test
    void importNamesTheLineAndLeavesNothingBehind() throws Exception {
        Path file = tmp.resolve("export.jsonl");
        assertEquals(0, run(Map.of(), "export", "--data", twoKeysOnePublicKey().toString(), "--out", file.toString())
                .code());
        Path empty = tmp.resolve("empty");
        MainTest.Outcome imported = run(Map.of(), "import", "--data", empty.toString(), file.toString());
        assertEquals(1, imported.code(), imported.err());
        assertTrue(imported.err().contains("line 5: key 4: public key"), imported.err());
        Files.writeString(file, Files.readString(file).replace("\"Two\"", "\"" + "x".repeat(500) + "\""));
        imported = run(Map.of(), "import", "--data", empty.toString(), file.toString());
        assertTrue(imported.err().contains("line 5: key 4: label is 500 characters long"), imported.err());
        assertEquals(0, run(Map.of(), "check", "--data", empty.toString()).code());
    }

    @Test
    void tokenCreateRefusesANameTheApiWouldRefuse() {
        Path data = tmp.resolve("tokens");
        MainTest.Outcome t = run(Map.of(), "token", "create", "--data", data.toString(), "--user", "a@b.io",
                "--scopes", "org:read", "--name", "n".repeat(256));
        assertEquals(2, t.code(), t.err());
        assertTrue(t.err().contains("--name"), t.err());
    }
}
