package keys.testing;

/**
 * Code points for strings. A code point is recorded as one choice in {@code [0, 0x10FFFF]} that
 * maps to itself, except that choices below 128 map to ASCII rotated to start at 'a'; so every
 * character shrinks toward 'a' (not NUL), and the steering kind drawn before it (ASCII, BMP,
 * two-byte UTF-8, astral, lone surrogate, special) only matters for fresh draws.
 */
final class CodePoints {
    private CodePoints() {
    }

    /** Characters parsers and encoders tend to get wrong. */
    private static final int[] SPECIAL = {
        0, '\t', '\n', '\r', ' ', '"', '\\', '/', 0x7F, 0x80, 0xA0, 0xFF, 0x2028, 0x2029,
        0xFEFF, 0xFFFD, 0xFFFF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0x1F600, 0x10000, 0x10FFFF,
    };

    /** All of ASCII including controls. */
    static final Gen<Integer> ASCII = s -> toCodePoint(s.draw(0, 127));

    /** Any code point, lone surrogates included; about a third of them ASCII. */
    static final Gen<Integer> ANY = s -> any(s, false);

    /** One code point, its kind forced to ASCII when {@code asciiOnly}. */
    static int any(Source s, boolean asciiOnly) {
        long kind = asciiOnly ? s.drawSteered(15, 0, 0) : s.draw(0, 15);
        long max = Character.MAX_CODE_POINT;
        long choice;
        if (kind < 6) {
            choice = s.drawSteered(max, 0, 127);
        } else if (kind < 9) {
            choice = s.drawSteered(max, 0, 0xFFFF);
        } else if (kind < 11) {
            choice = s.drawSteered(max, 0x80, 0x7FF);
        } else if (kind < 13) {
            choice = s.drawSteered(max, 0x10000, max);
        } else if (kind < 14) {
            choice = s.drawSteered(max, Character.MIN_SURROGATE, Character.MAX_SURROGATE);
        } else {
            long special = toChoice(SPECIAL[(int) s.draw(0, SPECIAL.length - 1)]);
            choice = s.drawSteered(max, special, special);
        }
        return toCodePoint(choice);
    }

    private static int toCodePoint(long choice) {
        return choice < 128 ? (int) ((choice + 'a') & 127) : (int) choice;
    }

    private static long toChoice(int codePoint) {
        return codePoint < 128 ? (codePoint - 'a') & 127 : codePoint;
    }

    /**
     * Up to {@code maxLen} chars (UTF-16 units, as {@link String#length()} counts) of code points
     * from {@code codePoints}; a supplementary code point that would not fit ends the string.
     */
    static Gen<String> strings(Gen<Integer> codePoints, int maxLen) {
        Repeat.checkSizes(0, maxLen);
        return s -> {
            StringBuilder b = new StringBuilder();
            Repeat r = new Repeat(s, 0, maxLen);
            while (b.length() < maxLen && r.more()) {
                int cp = codePoints.generate(s);
                if (b.length() + Character.charCount(cp) > maxLen) {
                    break;
                }
                b.appendCodePoint(cp);
            }
            r.done();
            return b.toString();
        };
    }
}
