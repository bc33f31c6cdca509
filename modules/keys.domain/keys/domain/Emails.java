package keys.domain;

import java.util.Locale;

/**
 * Pragmatic e-mail address checks: enough to catch typos and garbage, without pretending to
 * implement RFC 5322 (whose quoted forms no user types).
 */
public final class Emails {
    public static final int MAX_LENGTH = 254;
    public static final int MAX_LOCAL_LENGTH = 64;

    private Emails() {
    }

    /**
     * True for {@code local@domain}: exactly one {@code @}, a local part of 1..64 chars, a domain
     * of dot-separated non-empty labels (at least two), at most 254 chars in all, and no
     * whitespace, control characters or unpaired surrogates anywhere.
     */
    public static boolean isValid(String email) {
        if (email == null || email.length() > MAX_LENGTH) {
            return false;
        }
        int at = email.indexOf('@');
        if (at < 1 || at > MAX_LOCAL_LENGTH || email.indexOf('@', at + 1) >= 0) {
            return false;
        }
        String domain = email.substring(at + 1);
        if (domain.isEmpty() || domain.startsWith(".") || domain.endsWith(".")
                || !domain.contains(".") || domain.contains("..")) {
            return false;
        }
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < email.length()
                    && Character.isLowSurrogate(email.charAt(i + 1))) {
                i++;
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                    || Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT) { // e.g. U+202E, U+200B
                return false;
            }
        }
        return true;
    }

    /** The form addresses are stored and compared in: lowercased (locale-independent). */
    public static String normalize(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
