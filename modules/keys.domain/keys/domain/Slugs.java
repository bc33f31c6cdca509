package keys.domain;

import java.text.Normalizer;

/**
 * Slugs: {@code ^[a-z0-9_-]{1,50}$} with at least one letter, {@code -} or {@code _}. All-digit
 * slugs are not slugs, because an all-digit path segment means an id.
 */
public final class Slugs {
    public static final int MAX_LENGTH = 50;

    private Slugs() {
    }

    public static boolean isValid(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
            return false;
        }
        boolean notJustDigits = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z' || c == '-' || c == '_') {
                notJustDigits = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return notJustDigits;
    }

    /**
     * The slug Sentry's {@code slugify_instance} starts from: Django's {@code slugify} (NFKD, then
     * every non-ASCII character dropped, lowercased, punctuation deleted — {@code Mr. Smith's app}
     * → {@code mr-smiths-app} — and runs of spaces and hyphens turned into one {@code -}, with
     * {@code -} and {@code _} trimmed from both ends), cut to 50 characters and trimmed of
     * {@code -} again. It may be empty or all digits: {@link #unique} deals with both, as Sentry does.
     */
    public static String slugify(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(Math.min(ascii.length(), 64));
        boolean pendingHyphen = false;
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            if (c >= 0x80) {
                continue; // .encode("ascii", "ignore")
            }
            c = Character.toLowerCase(c);
            if (c == '-' || isPythonSpace(c)) {
                pendingHyphen = true;
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
                if (pendingHyphen) {
                    b.append('-');
                    pendingHyphen = false;
                }
                b.append(c);
            } // anything else is deleted, so it joins what surrounds it
        }
        // Django strips "-_" from both ends before Sentry cuts.
        int from = 0;
        while (from < b.length() && (b.charAt(from) == '_' || b.charAt(from) == '-')) {
            from++;
        }
        int to = b.length();
        while (to > from && (b.charAt(to - 1) == '_' || b.charAt(to - 1) == '-')) {
            to--;
        }
        String slug = b.substring(from, Math.min(to, from + MAX_LENGTH));
        int cut = slug.length();
        while (cut > 0 && slug.charAt(cut - 1) == '-') {
            cut--; // Sentry: slugify(label)[:max_length].strip("-")
        }
        return slug.substring(0, cut);
    }

    /** Python's {@code str.isspace()} on ASCII, which {@code \s} in Django's pattern follows. */
    private static boolean isPythonSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r' || c >= 0x1c && c <= 0x1f;
    }

    private static boolean isAllDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code base} when it is free, else {@code base} (cut to leave room) plus {@code -} and four
     * random letters or digits, as Sentry's slugify_instance does for a slug made from a name; an
     * all-digit base is suffixed even when free, and an empty one becomes twelve random hex digits.
     * Null when no free slug turned up in a few dozen tries. Random characters come from
     * {@code sources}' names stream.
     */
    public static String unique(String base, java.util.function.Predicate<String> taken, Sources sources) {
        if (base.isEmpty()) { // Sentry: uuid4().hex[:12]
            StringBuilder hex = new StringBuilder(12);
            for (int i = 0; i < 12; i++) {
                hex.append(Character.forDigit(sources.nextInt(Sources.Purpose.NAMES, 16), 16));
            }
            base = hex.toString();
        }
        if (!taken.test(base) && !isAllDigits(base)) { // all digits would read as an id: suffixed, as in Sentry
            return base;
        }
        String stem = base.length() > MAX_LENGTH - 5 ? base.substring(0, MAX_LENGTH - 5) : base;
        for (int attempt = 0; attempt < 50; attempt++) {
            StringBuilder b = new StringBuilder(stem).append('-');
            for (int i = 0; i < 4; i++) {
                b.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(sources.nextInt(Sources.Purpose.NAMES, 36)));
            }
            String candidate = b.toString();
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
