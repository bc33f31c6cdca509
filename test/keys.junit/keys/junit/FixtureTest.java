package keys.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import keys.server.KeysServer;

import org.junit.jupiter.api.Test;

/** {@code fixture}: the start state comes from a class-path resource in the export format, and resets go back to it. */
@KeysServerTest(fixture = "keys/junit/acme.jsonl")
class FixtureTest {
    static final String FIXTURE_PUBLIC_KEY = "66e746650ce1b25ec842fa0c86e874bd";

    @Test
    void theFixturesKeysAreServed(KeysServer keys) {
        List<Map<String, Object>> all = new Api(keys).list("/api/0/organizations/acme/project-keys/");
        assertEquals(List.of(FIXTURE_PUBLIC_KEY), all.stream().map(k -> k.get("public")).toList());
    }
}
