package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import keys.domain.LoaderOption;
import keys.domain.UseCase;
import keys.json.Json;

/** The DRF-compatible validation of key bodies, without HTTP. */
class KeyBodiesTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> body(String json) {
        return (Map<String, Object>) Json.parse(json);
    }

    static String errors(Runnable r) {
        ApiException e = assertThrows(ApiException.class, r::run);
        assertEquals(400, e.status());
        return new String(e.body(), StandardCharsets.UTF_8);
    }

    @Test
    void integerCoercionsAsDrf() {
        assertEquals(new KeyBodies.RateLimit(5, 7), KeyBodies.create(body(
                "{\"rateLimit\":{\"count\":\" 5 \",\"window\":\"7.000\"}}")).rateLimit());
        assertEquals(new KeyBodies.RateLimit(1000, 60), KeyBodies.create(body(
                "{\"rateLimit\":{\"count\":1e3,\"window\":60.0}}")).rateLimit());
        assertEquals("{\"rateLimit\":{\"count\":[\"A valid integer is required.\"]}}",
                errors(() -> KeyBodies.create(body("{\"rateLimit\":{\"count\":true,\"window\":1}}"))));
        assertEquals("{\"rateLimit\":{\"count\":[\"Ensure this value is less than or equal to 2147483647.\"]}}",
                errors(() -> KeyBodies.create(body("{\"rateLimit\":{\"count\":99999999999,\"window\":1}}"))));
        assertEquals("{\"rateLimit\":{\"window\":[\"String value too large.\"]}}",
                errors(() -> KeyBodies.create(body("{\"rateLimit\":{\"window\":\"" + "1".repeat(1001) + "\"}}"))));
    }

    @Test
    void namesAsPythonStrings() {
        assertEquals("1.5", KeyBodies.create(body("{\"name\":1.5}")).name());
        assertEquals("100000.0", KeyBodies.create(body("{\"name\":1e5}")).name());
        assertEquals("{\"name\":[\"Surrogate characters are not allowed: U+D800.\"]}",
                errors(() -> KeyBodies.create(body("{\"name\":\"a\\ud800\"}"))));
        assertEquals("{\"name\":[\"Ensure this field has no more than 64 characters.\",\"Null characters are not allowed.\"]}",
                errors(() -> KeyBodies.create(body("{\"name\":\"" + "x".repeat(70) + "\\u0000\"}"))));
        assertNull(KeyBodies.create(body("{\"name\":\"\\u00a0\\u3000\"}")).name());
    }

    @Test
    void booleansAsDrf() {
        for (String yes : new String[] {"true", "1", "1.0", "\"t\"", "\"YES\"", "\"on\"", "\"1\""}) {
            assertEquals(Boolean.TRUE, KeyBodies.update(body("{\"isActive\":" + yes + "}")).active(), yes);
        }
        for (String no : new String[] {"false", "0", "0.0", "\"f\"", "\"No\"", "\"OFF\"", "\"0\""}) {
            assertEquals(Boolean.FALSE, KeyBodies.update(body("{\"isActive\":" + no + "}")).active(), no);
        }
        for (String bad : new String[] {"2", "\"\"", "\"null\"", "[]", "{}", "\"yes please\""}) {
            assertEquals("{\"isActive\":[\"Must be a valid boolean.\"]}",
                    errors(() -> KeyBodies.update(body("{\"isActive\":" + bad + "}"))), bad);
        }
    }

    @Test
    void updatesLeaveUnsetFieldsAlone() {
        KeyBodies.Update u = KeyBodies.update(body("{\"dynamicSdkLoaderOptions\":{\"hasDebug\":true,\"hasReplay\":false,\"x\":1}}"));
        assertNull(u.name());
        assertNull(u.active());
        assertNull(u.rateLimit());
        assertNull(u.browserSdkVersion());
        assertEquals(LoaderOption.HAS_DEBUG.bit() | LoaderOption.HAS_REPLAY.bit(), u.loaderMask());
        assertEquals(LoaderOption.HAS_DEBUG.bit(), u.loaderBits());
        assertEquals(KeyBodies.RateLimit.NONE, KeyBodies.update(body("{\"rateLimit\":{\"count\":5}}")).rateLimit());
        assertNull(KeyBodies.update(body("{\"rateLimit\":{\"other\":5}}")).rateLimit());
        assertEquals(UseCase.DEMO, KeyBodies.create(body("{\"useCase\":\"demo\"}")).useCase());
        assertEquals("{\"useCase\":[\"\\\"['a', 1]\\\" is not a valid choice.\"]}",
                errors(() -> KeyBodies.create(body("{\"useCase\":[\"a\",1]}"))));
        assertEquals("{\"useCase\":[\"This field may not be null.\"]}",
                errors(() -> KeyBodies.create(body("{\"useCase\":null}"))));
    }
}
