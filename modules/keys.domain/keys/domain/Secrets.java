package keys.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The forms of public and secret keys and user tokens, their hashes and comparison. New values
 * are drawn through a server's {@link Sources}.
 */
public final class Secrets {
    private static final HexFormat HEX = HexFormat.of(); // lowercase
    static final String TOKEN_PREFIX = "sntryu_";

    private Secrets() {
    }

    /** True for exactly 32 lowercase hex digits, the form of public and secret keys. */
    public static boolean isKeyHex(String s) {
        return s != null && s.length() == 32 && isLowerHex(s, 0);
    }

    /** True for {@code sntryu_} followed by exactly 64 lowercase hex digits. */
    public static boolean isUserToken(String s) {
        return s != null && s.length() == TOKEN_PREFIX.length() + 64 && s.startsWith(TOKEN_PREFIX)
                && isLowerHex(s, TOKEN_PREFIX.length());
    }

    /**
     * SHA-256 of the UTF-8 bytes of {@code s}, as 64 lowercase hex digits: how tokens are stored.
     * (Unpaired surrogates encode as {@code ?}, as {@link String#getBytes} does.) Computed by
     * {@link Sha256}, which needs none of the JDK's security providers.
     */
    public static String sha256Hex(String s) {
        return HEX.formatHex(Sha256.digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Equality whose time does not depend on where the strings first differ, for comparing
     * secrets; false when either is null. Compares the UTF-16 code units as bytes: unlike an
     * encoding such as UTF-8, that cannot map two different strings (say, two lone surrogates)
     * to the same bytes.
     */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(utf16(a), utf16(b));
    }

    private static byte[] utf16(String s) {
        byte[] b = new byte[s.length() * 2];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b[2 * i] = (byte) (c >>> 8);
            b[2 * i + 1] = (byte) c;
        }
        return b;
    }

    private static boolean isLowerHex(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
