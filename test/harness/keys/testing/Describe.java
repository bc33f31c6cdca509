package keys.testing;

import java.util.Arrays;

/** Values as failure messages show them: arrays by content, strings escaped, all of it bounded. */
final class Describe {
    static final int MAX_CHARS = 4000;

    private Describe() {
    }

    static String value(Object v) {
        String text = switch (v) {
            case null -> "null";
            case String str -> quote(str);
            case Object[] a -> Arrays.deepToString(a);
            case byte[] a -> Arrays.toString(a);
            case int[] a -> Arrays.toString(a);
            case long[] a -> Arrays.toString(a);
            case char[] a -> quote(new String(a));
            case short[] a -> Arrays.toString(a);
            case boolean[] a -> Arrays.toString(a);
            case double[] a -> Arrays.toString(a);
            case float[] a -> Arrays.toString(a);
            default -> String.valueOf(v);
        };
        return truncate(text);
    }

    static String truncate(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        return text.substring(0, MAX_CHARS) + "… (" + text.length() + " chars)";
    }

    /** A Java string literal, so controls, lone surrogates and invisible characters show. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length() && b.length() <= MAX_CHARS; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c < 0xA0) || Character.isSurrogate(c)
                            || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
