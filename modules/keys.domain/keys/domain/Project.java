package keys.domain;

import java.util.List;

/** A project of an organization, owned by zero or more of its teams ({@code teamIds} ascending). */
public record Project(long id, long orgId, String slug, String name, String platform,
                      long createdMicros, List<Long> teamIds) {
    /** Sentry's project serializer allows 50 characters for a name. */
    public static final int MAX_NAME = 50;
    public static final int MAX_PLATFORM = 64;

    /** A platform is lowercase letters, digits, {@code -}, {@code _} and {@code .} (no more than 64). */
    public static boolean isValidPlatform(String platform) {
        if (platform == null || platform.isEmpty() || platform.length() > MAX_PLATFORM) {
            return false;
        }
        for (int i = 0; i < platform.length(); i++) {
            char c = platform.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    public Project {
        teamIds = Ids.sortedUnique(teamIds);
    }

    public Project withTeams(List<Long> newTeamIds) {
        return new Project(id, orgId, slug, name, platform, createdMicros, newTeamIds);
    }

    public Project withSlug(String newSlug) {
        return new Project(id, orgId, newSlug, name, platform, createdMicros, teamIds);
    }

    public Project withName(String newName) {
        return new Project(id, orgId, slug, newName, platform, createdMicros, teamIds);
    }

    public Project withPlatform(String newPlatform) {
        return new Project(id, orgId, slug, name, newPlatform, createdMicros, teamIds);
    }
}
