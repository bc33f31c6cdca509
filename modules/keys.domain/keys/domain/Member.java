package keys.domain;

import java.util.List;

/** A user's membership of one organization: their role there and their teams ({@code teamIds} ascending). */
public record Member(long id, long orgId, long userId, OrgRole role, List<Long> teamIds, long createdMicros) {

    public Member {
        teamIds = Ids.sortedUnique(teamIds);
    }

    public Member withRole(OrgRole newRole) {
        return new Member(id, orgId, userId, newRole, teamIds, createdMicros);
    }

    public Member withTeams(List<Long> newTeamIds) {
        return new Member(id, orgId, userId, role, newTeamIds, createdMicros);
    }
}
