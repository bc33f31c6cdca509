package keys.http;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Numbers as Python's {@code int()}, {@code float()}, {@code str()} and {@code repr()} read and
 * write them. Sentry parses query values and request fields with these, so {@code " +5 "},
 * {@code "1_000"} and {@code "٣"} are integers there, and a float cursor value prints as
 * {@code 5.0} or {@code 1e+16}; we match that.
 */
final class PythonNumbers {
    private PythonNumbers() {
    }

    /**
     * {@code int(s)}: surrounding whitespace, one optional sign, decimal digits (any script) with
     * single underscores between them. Null where Python raises ValueError.
     */
    static BigInteger parseInt(String s) {
        String t = strip(s);
        int i = 0;
        boolean negative = false;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            negative = t.charAt(i) == '-';
            i++;
        }
        String digits = digits(t, i, t.length());
        if (digits == null) {
            return null;
        }
        BigInteger v = new BigInteger(digits);
        return negative ? v.negate() : v;
    }

    /**
     * {@code float(s)} for decimal forms ({@code 1.5}, {@code -.5e3}, {@code 1_0.0}); null where
     * Python raises. The words {@code inf} and {@code nan} are not accepted: our callers only
     * parse text containing a dot, which those words never carry.
     */
    static Double parseFloat(String s) {
        String t = strip(s);
        int i = 0;
        int n = t.length();
        StringBuilder out = new StringBuilder(n);
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            out.append(t.charAt(i++));
        }
        int e = n;
        for (int j = i; j < n; j++) {
            char c = t.charAt(j);
            if (c == 'e' || c == 'E') {
                e = j;
                break;
            }
        }
        int dot = t.indexOf('.', i);
        if (dot > e) {
            return null;
        }
        String intPart = dot < 0 ? digits(t, i, e) : (dot == i ? "" : digits(t, i, dot));
        String fracPart = dot < 0 ? "" : (dot + 1 == e ? "" : digits(t, dot + 1, e));
        if (intPart == null || fracPart == null || (intPart.isEmpty() && fracPart.isEmpty())) {
            return null;
        }
        out.append(intPart.isEmpty() ? "0" : intPart).append('.').append(fracPart.isEmpty() ? "0" : fracPart);
        if (e < n) {
            int k = e + 1;
            String sign = "";
            if (k < n && (t.charAt(k) == '+' || t.charAt(k) == '-')) {
                sign = String.valueOf(t.charAt(k++));
            }
            String exp = digits(t, k, n);
            if (exp == null) {
                return null;
            }
            out.append('e').append(sign).append(exp);
        }
        return Double.parseDouble(out.toString());
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, exponent form outside 1e-4..1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        // Double.toString gives the shortest uniquely identifying digits (JDK 19+), as repr does.
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int decpt = digits.length() - exact.scale(); // value = 0.DIGITS x 10^decpt
        StringBuilder out = new StringBuilder(24);
        if (d < 0) {
            out.append('-');
        }
        if (decpt <= -4 || decpt > 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            out.append('e').append(exp < 0 ? '-' : '+');
            int abs = Math.abs(exp);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        } else if (decpt <= 0) {
            out.append("0.").append("0".repeat(-decpt)).append(digits);
        } else if (decpt >= digits.length()) {
            out.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
        } else {
            out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return out.toString();
    }

    /**
     * {@code str(x)} of a parsed JSON value as Python's json module would have produced it:
     * integers as digits, other numbers as floats, booleans {@code True}/{@code False}.
     * Null for containers and null, which the callers treat separately.
     */
    static String str(Object jsonValue) {
        return switch (jsonValue) {
            case String s -> s;
            case Long l -> l.toString();
            case Boolean b -> b ? "True" : "False";
            case BigDecimal d when d.scale() == 0 -> d.toBigInteger().toString(); // an integer too big for a long
            case BigDecimal d -> floatRepr(d.doubleValue());
            case null, default -> null;
        };
    }

    /** Python's {@code str.strip()}: whitespace as {@code str.isspace()} defines it. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    static boolean isSpace(char c) {
        return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /**
     * {@code s.isdecimal()}: not empty, decimal digits of any script only. ({@code isdigit()} also
     * takes digits such as superscripts, which {@code int()} then refuses: no id either way.)
     */
    static boolean isDecimal(String s) {
        return !s.isEmpty() && s.codePoints().allMatch(c -> Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER);
    }

    /** ASCII digits for {@code s[from,to)}: digits of any script, single underscores between them; else null. */
    private static String digits(String s, int from, int to) {
        if (from >= to) {
            return null;
        }
        StringBuilder out = new StringBuilder(to - from);
        boolean lastWasDigit = false;
        for (int i = from; i < to; i += Character.charCount(s.codePointAt(i))) {
            int c = s.codePointAt(i);
            if (c == '_') {
                if (!lastWasDigit || i + 1 >= to) {
                    return null;
                }
                lastWasDigit = false;
                continue;
            }
            int d = Character.digit(c, 10);
            if (d < 0 || Character.getType(c) != Character.DECIMAL_DIGIT_NUMBER) {
                return null;
            }
            out.append((char) ('0' + d));
            lastWasDigit = true;
        }
        return lastWasDigit ? out.toString() : null;
    }
}
