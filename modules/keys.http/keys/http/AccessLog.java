package keys.http;

/**
 * One line per request on stderr. Only the method, the path (never the query string, which may
 * carry secrets), the status, the size and the time: tokens never reach the log.
 */
final class AccessLog {
    private AccessLog() {
    }

    static void line(String method, String rawPath, int status, int bytes, long nanos) {
        // System.err at each call, not kept from the first: a redirected stderr gets the lines.
        System.err.println(sanitize(method, 32) + " " + sanitize(rawPath, 512) + " " + status + " " + bytes + "B "
                + String.format("%.2fms", nanos / 1e6));
    }

    /** A failure the client saw as a 500: the stack trace goes here, never to the client. */
    static void error(String message, Throwable e) {
        System.getLogger("keys").log(System.Logger.Level.ERROR, sanitize(message, 2048), e);
    }

    /** Keeps one request one line, whatever bytes the client put in the method or path, and bounded. */
    private static String sanitize(String s, int max) {
        int n = Math.min(s.length(), max);
        StringBuilder out = new StringBuilder(n + 1);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return n < s.length() ? out.append('…').toString() : out.toString();
    }
}
