package keys.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The Authorization header's words, split as Python's {@code bytes.split()} splits them (DRF). */
class AuthorizationWordsTest {

    @Test
    void runsOfAsciiWhitespaceSeparateAndNoneLeadsOrTrails() {
        assertArrayEquals(new String[] {"Bearer", "abc"}, Authenticator.words("Bearer abc"));
        assertArrayEquals(new String[] {"Bearer", "abc"}, Authenticator.words(" \tBearer \r\n\u000B\f abc \t"));
        assertArrayEquals(new String[] {"Bearer"}, Authenticator.words("Bearer   "));
        assertArrayEquals(new String[] {"Bearer", "a", "b"}, Authenticator.words("Bearer a b"));
        assertArrayEquals(new String[] {}, Authenticator.words(" \t "));
    }

    @Test
    void otherCharactersAreNotSeparators() {
        // Python's bytes.split() splits on b' \t\n\r\x0b\x0c' only: not on NUL, 0x1c-0x1f or NBSP.
        assertArrayEquals(new String[] {"Bearer", "a\u001Cb\u00A0c\u0000"}, Authenticator.words("Bearer a\u001Cb\u00A0c\u0000"));
    }
}
