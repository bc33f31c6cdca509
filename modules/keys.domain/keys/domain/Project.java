package keys.domain;

import java.util.List;

/** A project of an organization, owned by zero or more of its teams ({@code teamIds} ascending). */
public record Project(long id, long orgId, String slug, String name, String platform,
                      long createdMicros, List<Long> teamIds) {

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
