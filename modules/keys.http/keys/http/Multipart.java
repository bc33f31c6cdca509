package keys.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fields of a {@code multipart/form-data} body, as Django's {@code MultiPartParser} finds
 * them: parts after the first boundary, each named by its {@code Content-Disposition}; parts
 * without a name are skipped, file parts are dropped (no route takes files), values are UTF-8
 * with errors replaced. A missing or invalid boundary is DRF's
 * {@code Multipart form parse error - Invalid boundary in multipart: …}. The body is already
 * within the 1 MiB request limit; at most {@link #MAX_FIELDS} fields, as Django's
 * {@code DATA_UPLOAD_MAX_NUMBER_FIELDS}.
 */
final class Multipart {
    static final int MAX_FIELDS = 1000;
    private static final Pattern BOUNDARY = Pattern.compile("[ -~]{0,200}[!-~]");

    private Multipart() {
    }

    static Map<String, List<String>> fields(byte[] body, String boundary) {
        if (boundary == null || !BOUNDARY.matcher(boundary).matches()) {
            throw ApiException.badRequest("Multipart form parse error - Invalid boundary in multipart: "
                    + (boundary == null ? "None" : boundary));
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, List<String>> out = new LinkedHashMap<>();
        int at = indexOf(body, delimiter, 0);
        int count = 0;
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break; // the closing delimiter
            }
            int next = indexOf(body, delimiter, start);
            int end = next < 0 ? body.length : next;
            // The part runs from after the delimiter line to the CRLF before the next delimiter.
            int partStart = skipLine(body, start);
            int partEnd = end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n' && end - 2 >= partStart ? end - 2 : end;
            if (partStart <= partEnd) {
                if (++count > MAX_FIELDS) {
                    throw ApiException.badRequest("The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.");
                }
                part(body, partStart, partEnd, out);
            }
            at = next;
        }
        return out;
    }

    private static void part(byte[] body, int from, int to, Map<String, List<String>> out) {
        int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), from);
        if (headersEnd < 0 || headersEnd > to) {
            return; // no header block: Django treats the part as raw data and skips it
        }
        String name = null;
        boolean file = false;
        String headers = new String(body, from, headersEnd - from, StandardCharsets.UTF_8);
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || !line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-disposition")) {
                continue;
            }
            for (String param : line.substring(colon + 1).split(";")) {
                int eq = param.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = unquote(param.substring(eq + 1).trim());
                if (key.equals("name")) {
                    name = value;
                } else if (key.equals("filename") || key.equals("filename*")) {
                    file = true;
                }
            }
        }
        if (name == null || file) {
            return;
        }
        String value = new String(body, headersEnd + 4, to - headersEnd - 4, StandardCharsets.UTF_8);
        out.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\\", "\\").replace("\\\"", "\"");
        }
        return v;
    }

    private static int skipLine(byte[] b, int from) {
        for (int i = from; i < b.length - 1; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i + 2;
            }
        }
        return b.length;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
