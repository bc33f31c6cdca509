package keys.http;

import java.util.Map;

import org.junit.jupiter.api.Test;

import keys.domain.Organization;
import keys.domain.Team;

import static keys.http.MgmtClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slugs made from names follow Django's slugify and Sentry's slugify_instance. */
class SlugFromNameApiTest extends ApiTestBase {
    private static String teamSlug(Organization org, String name) {
        return (String) api.post("/api/0/organizations/" + org.slug() + "/teams/", ts.adminToken,
                Map.of("name", name)).expect(201).obj().get("slug");
    }

    @Test
    void punctuationIsDeletedNotHyphenated() {
        Organization org = ts.seed().org(unique("s"));
        assertEquals("mr-smiths-app", teamSlug(org, "Mr. Smith's app"));
        assertEquals("abc", teamSlug(org, "a@b.c"));
        assertEquals("creme-brulee", teamSlug(org, "_Crème Brûlée_"));
        Team team = ts.seed().team(org, "t");
        assertEquals("wwwexamplecom", api.post("/api/0/teams/" + org.slug() + "/" + team.slug() + "/projects/",
                ts.adminToken, Map.of("name", "www.example.com")).expect(201).obj().get("slug"));
    }

    @Test
    void aNameWithNothingUsableGetsARandomSlugAndDigitsGetASuffix() {
        Organization org = ts.seed().org(unique("s"));
        String fromNothing = teamSlug(org, "日本語!");
        assertTrue(fromNothing.matches("[0-9a-f]{12}(-[a-z0-9]{4})?"), fromNothing);
        String digits = teamSlug(org, "2024");
        assertTrue(digits.matches("2024-[a-z0-9]{4}"), digits);
        String orgSlug = (String) api.post("/api/0/organizations/", ts.adminToken, Map.of("name", "1 2 3"))
                .expect(201).obj().get("slug");
        assertTrue(orgSlug.matches("1-2-3"), orgSlug);
    }
}
