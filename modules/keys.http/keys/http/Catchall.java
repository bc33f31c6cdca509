package keys.http;

import java.nio.charset.StandardCharsets;

/**
 * What Sentry's {@code CatchallEndpoint} answers for a path under {@code /api/0/} that no route
 * matches: a path without its trailing slash gets a 404 that says so (JSON when the request's
 * {@code Content-Type} starts with {@code application/json}, so as not to break JSON parsers, else
 * plain text with an arrow under the missing slash); any other unknown path an empty 404.
 */
final class Catchall {
    static final String PREFIX = "/api/0/";
    private static final String HELP = "Route not found, did you forget a trailing slash?";

    private Catchall() {
    }

    static boolean covers(String rawPath) {
        return rawPath.startsWith(PREFIX);
    }

    static Response answer(Request request) {
        if (request.rawPath.endsWith("/")) {
            return Response.json(404, new byte[0]).header("Content-Type", "text/html; charset=utf-8");
        }
        String decoded = UrlCodec.decode(request.rawPath, false); // Django's request.path is decoded
        String suggestion = "try: " + (decoded == null ? request.rawPath : decoded) + "/";
        String type = request.header("Content-Type");
        if (type != null && type.startsWith("application/json")) {
            String body = "{\"info\": " + PythonJson.string(HELP + " " + suggestion) + "}";
            return Response.json(404, body.getBytes(StandardCharsets.UTF_8));
        }
        String arrow = " ".repeat(suggestion.length() - 1) + "^";
        String message = HELP + "\n\n" + suggestion + "\n" + arrow + "\n";
        return Response.json(404, message.getBytes(StandardCharsets.UTF_8)).header("Content-Type", "text/plain");
    }
}
