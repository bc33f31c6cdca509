package keys.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import keys.json.Json;

/** What a quiet server holds of the demo organization, read page by page through its own API. */
final class CrashView {
    private static final Pattern NEXT = Pattern.compile("rel=\"next\"; results=\"(true|false)\"; cursor=\"([^\"]*)\"");
    private static final int MAX_PAGES = 1000;

    private CrashView() {
    }

    static List<CrashLedger.SeenProject> projects(HttpClient http, String url, String token)
            throws IOException, InterruptedException {
        List<CrashLedger.SeenProject> out = new ArrayList<>();
        for (Map<?, ?> p : all(http, url + "/api/0/organizations/demo/projects/?per_page=100", token)) {
            out.add(new CrashLedger.SeenProject(Long.parseLong((String) p.get("id")), (String) p.get("slug")));
        }
        return out;
    }

    static List<CrashLedger.SeenKey> keys(HttpClient http, String url, String token)
            throws IOException, InterruptedException {
        List<CrashLedger.SeenKey> out = new ArrayList<>();
        for (Map<?, ?> k : all(http, url + "/api/0/organizations/demo/project-keys/?project=-1&per_page=100", token)) {
            out.add(new CrashLedger.SeenKey((String) k.get("id"), (Long) k.get("projectId"), (String) k.get("name"),
                    (Boolean) k.get("isActive")));
        }
        return out;
    }

    /** The notes of the demo organization's audit log, newest first. */
    static List<String> auditNotes(HttpClient http, String url, String token) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (Map<?, ?> row : all(http, url + "/api/0/organizations/demo/audit-logs/?per_page=100", token,
                body -> (List<?>) ((Map<?, ?>) body).get("rows"))) {
            out.add((String) row.get("note"));
        }
        return out;
    }

    private static List<Map<?, ?>> all(HttpClient http, String first, String token)
            throws IOException, InterruptedException {
        return all(http, first, token, body -> (List<?>) body);
    }

    private static List<Map<?, ?>> all(HttpClient http, String first, String token,
                                       java.util.function.Function<Object, List<?>> rows)
            throws IOException, InterruptedException {
        List<Map<?, ?>> out = new ArrayList<>();
        String next = first;
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) {
                throw new IllegalStateException("more than " + MAX_PAGES + " pages at " + first);
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(next)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).GET().build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + next + " answered " + r.statusCode() + " " + r.body());
            }
            for (Object o : rows.apply(Json.parse(r.body()))) {
                out.add((Map<?, ?>) o);
            }
            Matcher m = NEXT.matcher(r.headers().firstValue("Link").orElse(""));
            next = m.find() && m.group(1).equals("true") ? first + "&cursor=" + m.group(2) : null;
        }
        return out;
    }
}
