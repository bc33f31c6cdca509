package keys.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;

import keys.json.Json;
import keys.json.JsonParseException;

/**
 * DRF's {@code request.data}: the body parsed by its {@code Content-Type} with Sentry's parsers,
 * tried in its order — JSON, multipart, form — each matching its media type with {@code *}
 * wildcards and any parameters. An empty body is no data whatever the type, as DRF reads no
 * stream then; any other type, or none, is 415 {@code Unsupported media type "…" in request.}
 */
final class RequestBody {
    private RequestBody() {
    }

    /** The parsed body: JSON's value, or a {@link FormData}. */
    static Object parse(Request request) {
        if (request.body.length == 0) {
            return new LinkedHashMap<String, Object>();
        }
        String header = request.header("Content-Type");
        String raw = header == null ? "" : header;
        String[] parts = raw.split(";", -1);
        String full = parts[0].strip().toLowerCase(Locale.ROOT);
        int slash = full.indexOf('/');
        String main = slash < 0 ? full : full.substring(0, slash);
        String sub = slash < 0 ? "" : full.substring(slash + 1);
        if (matches(main, sub, "application", "json")) {
            try {
                return Json.parse(request.body);
            } catch (JsonParseException e) {
                throw ApiException.badRequest("JSON parse error - " + e.getMessage());
            }
        }
        if (matches(main, sub, "multipart", "form-data")) {
            return new FormData(Multipart.fields(request.body, param(parts, "boundary")));
        }
        if (matches(main, sub, "application", "x-www-form-urlencoded")) {
            return new FormData(QueryParams.parse(text(request.body)).asMap());
        }
        throw ApiException.detail(415, "Unsupported media type \"" + raw + "\" in request.");
    }

    private static boolean matches(String main, String sub, String parserMain, String parserSub) {
        return (sub.equals("*") || sub.equals(parserSub)) && (main.equals("*") || main.equals(parserMain));
    }

    /** A parameter of the header, unquoted as Django's {@code parse_header_parameters} does; null when absent. */
    private static String param(String[] parts, String name) {
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0 && parts[i].substring(0, eq).strip().toLowerCase(Locale.ROOT).equals(name)) {
                String v = parts[i].substring(eq + 1).strip();
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    /** Django's QueryDict: the bytes as UTF-8, or as ISO-8859-1 when they are not UTF-8. */
    private static String text(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }
}
