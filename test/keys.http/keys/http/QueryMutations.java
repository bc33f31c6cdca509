package keys.http;

import java.util.List;

import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Source;

/**
 * Hostile query strings for the list endpoints, above all {@code /project-keys/}: every parameter
 * (per_page, cursor, team, status, project, projectSlug) with garbage, repeated, percent-garbage,
 * empty and edge values, plus stray separators and unknown names.
 */
public final class QueryMutations {
    private QueryMutations() {
    }

    private static final List<String> NAMES = List.of("per_page", "cursor", "team", "status", "project",
            "projectSlug", "collapse", "query", "", "per_page%00", "Per_Page", "cursor[]", "%70er_page");

    private static final List<String> VALUES = List.of("", "0", "-1", "1", "2", "10", "100", "101", " 5 ", "%205%20",
            "+5", "%2B5", "1_0", "1__0", "%D9%A3", "1e3", "1.0", "abc", "%00", "%FF", "%C0%AF", "%E2%82", "%ED%A0%80",
            "%zz", "%", "%2", "1:0:0", "5:0:1", "0:0:1", "0:-1:0", "1.5:0:0", "1.5e300:0:0", "nan:0:0", "inf:0:0",
            "-inf:1:1", "1:2:3:4", "::", "1::", ":0:0", "9999999999999999999999:0:0", "-9223372036854775808:0:0",
            "9223372036854775807:9223372036854775807:1", "1:99999999999999999999:0", "1%3A0%3A0", "%3A%3A",
            "active", "inactive", "ACTIVE", "$all", "%24all", "-1", "red", "blue", "nonexistent", "99999999999999999999",
            "0000000001", "alpha", "beta", "organization", "%E2%80%8B", "\u00e9", "%C3%A9", "%F0%9F%98%80", "a+b",
            "a%2Bb", "%26", "%3D", "x=y", "=", "==");

    static Gen<HostileCase> any(FuzzTarget t) {
        return s -> {
            String path = switch (s.drawInt(0, 9)) {
                case 0 -> "/api/0/projects/" + t.orgRef(s.drawBoolean()) + "/" + t.project() + "/keys/";
                case 1 -> "/api/0/organizations/" + t.orgRef(s.drawBoolean()) + "/" + Gens.elements("teams", "projects",
                        "members").generate(s) + "/";
                case 2 -> "/api/0/organizations/";
                case 3 -> "/api/0/projects/" + t.orgRef(s.drawBoolean()) + "/" + t.project() + "/";
                default -> "/api/0/organizations/" + t.orgRef(s.drawBoolean()) + "/project-keys/";
            };
            String query = s.drawInt(0, 9) == 0 ? longQuery(s) : query(s, t);
            String sep = s.drawInt(0, 9) == 0 ? "??" : "?";
            return HttpMutations.forTarget("query", path + sep + query, HttpMutations.token(s, t));
        };
    }

    private static String query(Source s, FuzzTarget t) {
        StringBuilder q = new StringBuilder();
        int n = s.drawInt(0, 8) == 0 ? s.drawInt(10, 60) : s.drawInt(1, 6);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                q.append(s.drawInt(0, 9) == 0 ? Gens.elements("&&", "&=&", ";", "&amp;").generate(s) : "&");
            }
            q.append(name(s));
            if (s.drawInt(0, 9) > 0) {
                q.append('=').append(value(s, t));
            }
        }
        return q.toString();
    }

    private static String name(Source s) {
        return s.drawInt(0, 9) > 0 ? Gens.elements(NAMES).generate(s) : UrlCodec.formEncode(Gens.strings(10).generate(s));
    }

    private static String value(Source s, FuzzTarget t) {
        return switch (s.drawInt(0, 9)) {
            case 0 -> UrlCodec.formEncode(Gens.strings(30).generate(s));
            case 1 -> HttpMutations.latin1(s, 20);
            case 2 -> Long.toString(s.draw(Long.MIN_VALUE, Long.MAX_VALUE));
            case 3 -> s.draw(Long.MIN_VALUE, Long.MAX_VALUE) + ":" + s.draw(-5, 1000) + ":" + s.draw(-2, 2);
            case 4 -> Gens.elements(Long.toString(t.teamId()), Long.toString(t.projectId()), t.team(), t.project(),
                    t.project2()).generate(s);
            default -> Gens.elements(VALUES).generate(s);
        };
    }

    /** Queries that bring the whole target near, at and past the 8 KiB limit. */
    private static String longQuery(Source s) {
        int n = s.drawInt(0, 1) == 0 ? s.drawInt(500, 1200) : s.drawInt(1, 300);
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < n; i++) {
            q.append(i > 0 ? "&" : "").append(s.drawBoolean() ? "project=" + i : "per_page=" + (i % 120));
        }
        return q.toString();
    }
}
