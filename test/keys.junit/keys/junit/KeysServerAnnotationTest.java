package keys.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import keys.server.KeysServer;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link KeysServerTest} on a class of the suite itself, as a user writes it: a test-mode server
 * in this JVM, given to the constructor and to test methods.
 */
@KeysServerTest
class KeysServerAnnotationTest {
    private final KeysServer keys;

    KeysServerAnnotationTest(KeysServer keys) {
        this.keys = keys;
    }

    @Test
    void theConstructorAndTheTestGetTheSameRunningTestModeServerOnALoopbackPort(KeysServer server) {
        assertSame(keys, server);
        assertTrue(server.testMode());
        assertEquals("127.0.0.1", server.url().getHost());
        assertNotEquals(0, server.port());
        assertEquals(server.port(), server.url().getPort());
    }

    @Test
    void keysAreCreatedOverHttp() {
        Api api = new Api(keys);
        Map<String, Object> key = api.organizationWithAKey("acme");
        assertEquals("Default", key.get("label"));
        api.create("/api/0/projects/acme/ios/keys/", "{\"name\":\"Release builds\"}");
        List<Map<String, Object>> all = api.list("/api/0/organizations/acme/project-keys/");
        assertEquals(List.of("Release builds", "Default"), all.stream().map(k -> k.get("label")).toList());
    }

    @Nested
    class NestedClasses {
        @Test
        void shareTheServerOfTheAnnotatedClass(KeysServer server) {
            assertSame(keys, server);
        }
    }
}
