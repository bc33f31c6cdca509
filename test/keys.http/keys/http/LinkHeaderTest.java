package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class LinkHeaderTest {
    private static final String PREFIX = "https://sentry.example.com";
    private static final String PATH = "/api/0/organizations/acme/project-keys/";

    private static String link(String path, String rawQuery, String prev, boolean hasPrev, String next, boolean hasNext) {
        Paginator.Page<Long> page = new Paginator.Page<>(List.of(), Cursor.parse(prev), hasPrev, Cursor.parse(next), hasNext);
        return LinkHeader.of(PREFIX, path, QueryParams.parse(rawQuery), page);
    }

    @Test
    void theContractsExample() {
        assertEquals("<https://sentry.example.com/api/0/organizations/acme/project-keys/?per_page=2&cursor=9:0:1>; "
                + "rel=\"previous\"; results=\"false\"; cursor=\"9:0:1\", "
                + "<https://sentry.example.com/api/0/organizations/acme/project-keys/?per_page=2&cursor=5:0:0>; "
                + "rel=\"next\"; results=\"true\"; cursor=\"5:0:0\"",
                link(PATH, "per_page=2", "9:0:1", false, "5:0:0", true));
    }

    @Test
    void noOtherParameterGivesQuestionMarkAmpersand() {
        assertEquals("<https://sentry.example.com/api/0/organizations/acme/project-keys/?&cursor=0:0:1>; "
                + "rel=\"previous\"; results=\"false\"; cursor=\"0:0:1\", "
                + "<https://sentry.example.com/api/0/organizations/acme/project-keys/?&cursor=0:0:0>; "
                + "rel=\"next\"; results=\"false\"; cursor=\"0:0:0\"",
                link(PATH, null, "0:0:1", false, "0:0:0", false));
        assertEquals(PREFIX + PATH + "?", LinkHeader.base(PREFIX, PATH, QueryParams.parse("cursor=5%3A0%3A0&cursor=")));
    }

    @Test
    void queryIsGroupedByNameAndFormEncoded() {
        assertEquals(PREFIX + PATH + "?b=1&b=2&a=x+y&c=%2F%2C&d=&e=%C3%A9~&f=",
                LinkHeader.base(PREFIX, PATH, QueryParams.parse("b=1&cursor=1:0:0&a=x%20y&b=2&c=/,&d&e=%C3%A9~&f=")));
        assertEquals(PREFIX + PATH + "?per_page=2&team=a%26b&status=active",
                LinkHeader.base(PREFIX, PATH, QueryParams.parse("per_page=2&team=a%26b&status=active")));
        assertEquals(PREFIX + PATH + "?sp+ace=1&%2B=%2B",
                LinkHeader.base(PREFIX, PATH, QueryParams.parse("sp+ace=1&%2B=%2B")));
    }

    /** Django decodes leniently (unquote, errors="replace"): a stray % stays, bad UTF-8 is U+FFFD. */
    @Test
    void malformedEscapesAreKeptAsTheyStand() {
        assertEquals(PREFIX + PATH + "?utm=100%25&x=%25zz&y=%EF%BF%BD&z=%254",
                LinkHeader.base(PREFIX, PATH, QueryParams.parse("utm=100%&x=%zz&y=%ff&z=%4")));
        assertEquals("a b%", QueryParams.parse("q=a+b%").last("q"));
    }

    @Test
    void pathIsPercentEncodedKeepingSlashes() {
        assertEquals(PREFIX + "/api/0/organizations/%C3%BCn%C3%AF%20x/project-keys/?",
                LinkHeader.base(PREFIX, "/api/0/organizations/ünï x/project-keys/", QueryParams.EMPTY));
        assertEquals(PREFIX + "/api/0/organizations/a/b/project-keys?",
                LinkHeader.base(PREFIX, "/api/0/organizations/a/b/project-keys", QueryParams.EMPTY));
    }

    @Test
    void cursorTextIsRaw() {
        String h = link(PATH, "per_page=1", "5.0:0:1", true, "10000000000000000.0:3:0", true);
        assertEquals("<https://sentry.example.com/api/0/organizations/acme/project-keys/?per_page=1&cursor=5.0:0:1>; "
                + "rel=\"previous\"; results=\"true\"; cursor=\"5.0:0:1\", "
                + "<https://sentry.example.com/api/0/organizations/acme/project-keys/?per_page=1&cursor=1e+16:3:0>; "
                + "rel=\"next\"; results=\"true\"; cursor=\"1e+16:3:0\"", h);
    }
}
