package keys.server;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

import keys.testing.Gen;
import keys.testing.Gens;

/**
 * Random request sequences for the determinism property (test-mode.md §2): creates, lists with
 * pages and Link headers, tokens, pet names and slug suffixes, clock moves and errors, over a few
 * names so that requests build on and collide with each other.
 */
record RequestScript(String method, String path, String body) {
    private static final List<String> ORGS = List.of("acme", "beta");
    private static final List<String> TEAMS = List.of("t1", "t2");
    private static final List<String> PROJECTS = List.of("p1", "p2");

    static Gen<RequestScript> step() {
        Gen<String> org = Gens.elements(ORGS);
        Gen<String> team = Gens.elements(TEAMS);
        Gen<String> project = Gens.elements(PROJECTS);
        return Gens.frequency(
                2, Gens.elements("Acme", "Beta", "2024").map(n ->
                        new RequestScript("POST", "/api/0/organizations/", "{\"name\":\"" + n + "\"}")),
                2, Gens.pairs(org, team).map(p -> new RequestScript("POST",
                        "/api/0/organizations/" + p.first() + "/teams/", "{\"slug\":\"" + p.second() + "\"}")),
                2, Gens.pairs(org, Gens.pairs(team, project)).map(p -> new RequestScript("POST",
                        "/api/0/teams/" + p.first() + "/" + p.second().first() + "/projects/",
                        "{\"name\":\"" + p.second().second() + "\"}")),
                4, Gens.pairs(org, project).map(p -> new RequestScript("POST",
                        "/api/0/projects/" + p.first() + "/" + p.second() + "/keys/", "{}")),
                3, org.map(o -> new RequestScript("GET", "/api/0/organizations/" + o + "/project-keys/?per_page=2", null)),
                1, Gens.constant(new RequestScript("POST", "/api/0/api-tokens/", "{}")),
                1, Gens.constant(new RequestScript("GET", "/api/0/api-tokens/", null)),
                1, Gens.ints(0, 90).map(s -> new RequestScript("POST", "/_keys/clock/advance", "{\"seconds\":" + s + "}")),
                1, Gens.constant(new RequestScript("GET", "/api/0/organizations/", null)),
                1, Gens.constant(new RequestScript("GET", "/api/0/nothing", null)));
    }

    static Gen<List<RequestScript>> sequences(int max) {
        return Gens.lists(step(), 1, max);
    }

    /** Sends the steps in order; the transcript of every answer, Date aside. */
    static String run(int port, String token, List<RequestScript> steps) throws IOException {
        StringBuilder out = new StringBuilder();
        for (RequestScript s : steps) {
            HttpResponse<String> r = TestModeHttp.send(port, token, s.method, s.path, s.body, "application/json");
            out.append(s.method).append(' ').append(s.path).append(" -> ").append(TestModeHttp.transcript(r)).append('\n');
        }
        return out.toString();
    }
}
