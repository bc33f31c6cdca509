package keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CrashAuditTest {
    private static final List<CrashLedger.SeenProject> PROJECTS = List.of(new CrashLedger.SeenProject(1, "p"));

    private static CrashLedger.SeenKey key(String id) {
        return key(id, 1);
    }

    private static CrashLedger.SeenKey key(String id, long project) {
        return new CrashLedger.SeenKey(id, project, "k", true);
    }

    @Test
    void keysAndTheirEntriesMustAgree() {
        List<CrashLedger.SeenKey> initial = List.of(key("d"));
        List<String> notes = List.of("removed project key b", "edited project key a", "added project key b",
                "added project key a");
        assertEquals(List.of(), CrashAudit.violations("c", PROJECTS, initial, List.of(key("d"), key("a")), notes));
        assertEquals(1, CrashAudit.violations("c", PROJECTS, initial, List.of(key("d")), notes).size(), "a lost key");
        assertEquals(1, CrashAudit.violations("c", PROJECTS, initial, List.of(key("d"), key("a"), key("x")), notes).size(),
                "a key without its entry");
        assertEquals(1, CrashAudit.violations("c", PROJECTS, initial, List.of(key("d"), key("a"), key("b")), notes).size(),
                "a removed key still there");
        assertEquals(List.of(), CrashAudit.violations("c", PROJECTS, initial, List.of(key("d"), key("a"), key("n", 2)),
                notes), "the Default key of a new project");
        assertEquals(1, CrashAudit.violations("c", PROJECTS, initial, List.of(key("d"), key("a"), key("n", 2),
                key("m", 2)), notes).size(), "a second key without its entry in a new project");
    }
}
