package keys.domain;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** 128-bit values written as 32 lowercase hex digits, as Sentry's public and secret keys are. */
final class Hex128 {
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

    /**
     * The 32 ASCII hex digits of (hi, lo) into {@code out} at {@code at}: eight digits at a time in
     * a long (a page of keys writes two keys for each of its keys, and a digit per table look-up
     * showed in its profile).
     */
    static void write(long hi, long lo, byte[] out, int at) {
        BIG_ENDIAN.set(out, at, digits((int) (hi >>> 32)));
        BIG_ENDIAN.set(out, at + 8, digits((int) hi));
        BIG_ENDIAN.set(out, at + 16, digits((int) (lo >>> 32)));
        BIG_ENDIAN.set(out, at + 24, digits((int) lo));
    }

    private static final VarHandle BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** The eight hex digits of {@code v}, its first digit in the most significant byte. */
    private static long digits(int v) {
        long x = v & 0xFFFF_FFFFL;
        // Each nibble into a byte of its own, in order: 0x0a0b0c0d0e0f0g0h for 0xabcdefgh.
        x = (x | x << 16) & 0x0000_FFFF_0000_FFFFL;
        x = (x | x << 8) & 0x00FF_00FF_00FF_00FFL;
        x = (x | x << 4) & 0x0F0F_0F0F_0F0F_0F0FL;
        long letters = ((x + 0x0606_0606_0606_0606L) >>> 4) & 0x0101_0101_0101_0101L; // 1 in each byte >= 10
        return x + 0x3030_3030_3030_3030L + letters * ('a' - '0' - 10);
    }
}
