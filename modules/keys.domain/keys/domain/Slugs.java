package keys.domain;

import java.text.Normalizer;
import java.util.Locale;

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
     * A valid slug made from a display name: accents dropped ({@code Café} → {@code cafe}),
     * lowercased, every run of other characters (and hyphens) turned into one {@code -}, hyphens
     * trimmed from both ends, cut to 50 characters. When nothing usable is left the slug is
     * {@code untitled}; when only digits are left it gets an {@code n} in front
     * ({@code 2024} → {@code n2024}), since all digits would read as an id.
     */
    public static String slugify(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(Math.min(plain.length(), MAX_LENGTH + 1));
        boolean pendingHyphen = false;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
                boolean hyphen = pendingHyphen && !b.isEmpty();
                if (b.length() + (hyphen ? 2 : 1) > MAX_LENGTH) {
                    break; // cut here: a hyphen must not end the slug
                }
                if (hyphen) {
                    b.append('-');
                }
                b.append(c);
                pendingHyphen = false;
            } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
                pendingHyphen = true; // a mark is what is left of an accent: drop it silently
            }
        }
        String slug = b.toString();
        if (slug.isEmpty()) {
            return "untitled";
        }
        if (!isValid(slug)) {
            return "n" + slug.substring(0, Math.min(slug.length(), MAX_LENGTH - 1));
        }
        return slug;
    }

    /**
     * {@code base} when it is free, else {@code base} (cut to leave room) plus {@code -} and four
     * random letters or digits, as Sentry's slugify_instance does for a slug made from a name.
     * Null when no free slug turned up in a few dozen tries. The suffix is drawn from
     * {@code sources}' names stream.
     */
    public static String unique(String base, java.util.function.Predicate<String> taken, Sources sources) {
        if (!taken.test(base)) {
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
