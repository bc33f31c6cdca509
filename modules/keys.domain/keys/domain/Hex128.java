package keys.domain;

/** 128-bit values written as 32 lowercase hex digits, as Sentry's public and secret keys are. */
final class Hex128 {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex128() {
    }

    static boolean isHex(String s) {
        if (s == null || s.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    static long high(String hex) {
        return parse(hex, 0);
    }

    static long low(String hex) {
        return parse(hex, 16);
    }

    /** One half, validated as it is read (this runs for every key a log replays). */
    private static long parse(String hex, int from) {
        if (hex == null || hex.length() != 32) {
            throw new IllegalArgumentException("not 32 lowercase hex digits");
        }
        long v = 0;
        for (int i = from; i < from + 16; i++) {
            char c = hex.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0) {
                throw new IllegalArgumentException("not 32 lowercase hex digits");
            }
            v = v << 4 | d;
        }
        return v;
    }

    static String format(long hi, long lo) {
        byte[] out = new byte[32];
        write(hi, lo, out, 0);
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The 32 ASCII hex digits of (hi, lo) into {@code out} at {@code at}. */
    static void write(long hi, long lo, byte[] out, int at) {
        for (int i = 15; i >= 0; i--) {
            out[at + i] = (byte) DIGITS[(int) (hi & 0xF)];
            hi >>>= 4;
            out[at + 16 + i] = (byte) DIGITS[(int) (lo & 0xF)];
            lo >>>= 4;
        }
    }
}
