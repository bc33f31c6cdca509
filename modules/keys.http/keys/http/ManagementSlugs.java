package keys.http;

import java.util.function.Predicate;

import keys.domain.Slugs;
import keys.domain.Sources;

/**
 * The slug a create request ends with. One the client sent must be free (409 otherwise, as
 * interface.md says); one made from the name is made free with a random suffix, as Sentry does,
 * so clients that create by name alone (Terraform, scripts) can create "Backend" twice.
 */
final class ManagementSlugs {
    private ManagementSlugs() {
    }

    /** Runs inside the write, where slugs cannot be taken concurrently. */
    static String choose(Sources sources, String sent, String name, Predicate<String> taken, String takenMessage) {
        String chosen = sent != null ? (taken.test(sent) ? null : sent)
                : Slugs.unique(Slugs.slugify(name), taken, sources);
        if (chosen == null) {
            throw ApiException.conflict(takenMessage);
        }
        return chosen;
    }
}
