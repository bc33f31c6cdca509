package keys.http;

import java.math.BigInteger;

/**
 * Sentry's pagination cursor {@code value:offset:is_prev}. The value is an integer, or a float when
 * its text holds a dot (Sentry's {@code Cursor.from_string}); it prints back the way Python would
 * ({@code 5}, {@code 5.0}), because cursors we hand out must be the ones Sentry would.
 *
 * @param intValue   the value when it is an integer
 * @param floatValue the value when {@code isFloat}
 */
record Cursor(long intValue, double floatValue, boolean isFloat, long offset, boolean prev) {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** No cursor at all: {@code 0:0:0}. */
    static final Cursor FIRST = new Cursor(0, 0, false, 0, false);

    static Cursor of(long value, long offset, boolean prev) {
        return new Cursor(value, 0, false, offset, prev);
    }

    /** This cursor's value with another offset and direction. */
    Cursor with(long newOffset, boolean newPrev) {
        return new Cursor(intValue, floatValue, isFloat, newOffset, newPrev);
    }

    /** Python truthiness of the value: 0 and 0.0 (and -0.0) are "no value". */
    boolean hasValue() {
        return isFloat ? floatValue != 0 : intValue != 0;
    }

    /** Python's {@code value == id}, exact for both kinds. */
    boolean valueEquals(long id) {
        if (!isFloat) {
            return intValue == id;
        }
        return floatValue == Math.rint(floatValue) && Math.abs(floatValue) < 0x1p63 && (long) floatValue == id;
    }

    /**
     * Parses the query form; null when Sentry would answer "Invalid cursor parameter." — and,
     * by our decision, for a negative offset, a non-finite value or numbers beyond 64 bits.
     */
    static Cursor parse(String text) {
        Cursor c = parseSigned(text);
        return c == null || c.offset < 0 ? null : c;
    }

    /** As {@link #parse}, but a negative offset is kept: Sentry's OffsetPaginator gives it a meaning. */
    static Cursor parseSigned(String text) {
        String[] bits = text.split(":", -1);
        if (bits.length != 3) {
            return null;
        }
        BigInteger offset = PythonNumbers.parseInt(bits[1]);
        BigInteger prev = PythonNumbers.parseInt(bits[2]);
        if (offset == null || prev == null || offset.compareTo(LONG_MIN) < 0 || offset.compareTo(LONG_MAX) > 0) {
            return null;
        }
        if (bits[0].indexOf('.') >= 0) {
            Double f = PythonNumbers.parseFloat(bits[0]);
            if (f == null || !Double.isFinite(f)) {
                return null;
            }
            return new Cursor(0, f, true, offset.longValue(), prev.signum() != 0);
        }
        BigInteger v = PythonNumbers.parseInt(bits[0]);
        if (v == null || v.compareTo(LONG_MIN) < 0 || v.compareTo(LONG_MAX) > 0) {
            return null;
        }
        return new Cursor(v.longValue(), 0, false, offset.longValue(), prev.signum() != 0);
    }

    /** The value as Python's {@code str()} prints it; a zero float prints as Sentry's {@code value or 0}. */
    String valueText() {
        if (!hasValue()) {
            return "0";
        }
        return isFloat ? PythonNumbers.floatRepr(floatValue) : Long.toString(intValue);
    }

    /** The wire form, e.g. {@code 5:0:1}. */
    @Override
    public String toString() {
        return valueText() + ":" + offset + ":" + (prev ? "1" : "0");
    }
}
