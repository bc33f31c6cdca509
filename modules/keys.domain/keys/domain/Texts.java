package keys.domain;

/**
 * The rules every stored name or label meets, as the API's text fields leave it: trimmed, not
 * empty, at most a given number of code points, with no NUL and no unpaired surrogate (Django
 * REST framework's CharField refuses both).
 */
public final class Texts {
    private Texts() {
    }

    /** Null when {@code text} is a stored text of at most {@code max} code points, else what is wrong. */
    public static String problem(String text, int max) {
        if (text == null || text.isEmpty()) {
            return "is empty";
        }
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            return "is " + length + " characters long, more than " + max;
        }
        if (!text.equals(text.strip())) { // Java's whitespace is a subset of Python's: never refuses what DRF kept
            return "starts or ends with whitespace";
        }
        if (text.indexOf('\0') >= 0) {
            return "holds a NUL character";
        }
        if (loneSurrogate(text) >= 0) {
            return "holds an unpaired surrogate";
        }
        return null;
    }

    /** The first surrogate not part of a pair (what Python sees as a surrogate character), or -1. */
    public static int loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return c;
            }
        }
        return -1;
    }
}
