package keys.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Percent-decoding of paths and query strings, and the encodings Sentry's Link header uses. */
final class UrlCodec {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlCodec() {
    }

    /**
     * Decodes {@code %XX} escapes of a path segment. Returns null when an escape is malformed or
     * the bytes are not UTF-8, so the caller can answer 404 instead of guessing.
     */
    static String decode(String s, boolean plusAsSpace) {
        return decode(s, plusAsSpace, false);
    }

    /**
     * Decodes a query-string name or value as Django's QueryDict does (Python's {@code unquote}
     * with {@code errors="replace"}): a malformed escape stays as it is and bytes that are not
     * UTF-8 become U+FFFD. Never null: a stray {@code %} is no reason to refuse a request.
     */
    static String decodeQuery(String s) {
        return decode(s, true, true);
    }

    private static String decode(String s, boolean plusAsSpace, boolean lenient) {
        if (s.indexOf('%') < 0 && (!plusAsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (c == '%' && lo >= 0) {
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '%' && !lenient) {
                return null;
            } else if (c == '+' && plusAsSpace) {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
            }
        }
        CodingErrorAction onError = lenient ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Form encoding as Python's urlencode does it: unreserved kept, space as {@code +}. */
    static String formEncode(String s) {
        return encode(s, "", true);
    }

    /** Path encoding as Python's quote does it: unreserved and {@code /} kept. */
    static String pathEncode(String s) {
        return encode(s, "/", false);
    }

    private static String encode(String s, String safe, boolean plusForSpace) {
        StringBuilder out = null;
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i] & 0xFF;
            boolean keep = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '_' || b == '.' || b == '~' || safe.indexOf(b) >= 0;
            if (keep && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(utf8.length + 16);
                out.append(new String(utf8, 0, i, StandardCharsets.ISO_8859_1));
            }
            if (keep) {
                out.append((char) b);
            } else if (b == ' ' && plusForSpace) {
                out.append('+');
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return out == null ? s : out.toString();
    }
}
