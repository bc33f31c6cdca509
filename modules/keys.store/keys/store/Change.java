package keys.store;

import keys.domain.AuditEntry;
import keys.domain.ClientKey;
import keys.domain.Member;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Team;
import keys.domain.Token;
import keys.domain.User;

/**
 * One change to the state. A write is a list of changes committed as one log record, so it is
 * applied whole or not at all. Puts insert or replace by id; deletes cascade to what hangs off
 * the deleted thing (an organization's teams, projects, members and keys; a project's keys; a
 * team's place in projects and members; a user's memberships and tokens).
 */
public sealed interface Change {

    record PutOrganization(Organization organization) implements Change { }

    record DeleteOrganization(long id) implements Change { }

    record PutTeam(Team team) implements Change { }

    record DeleteTeam(long id) implements Change { }

    record PutProject(Project project) implements Change { }

    record DeleteProject(long id) implements Change { }

    record PutUser(User user) implements Change { }

    record DeleteUser(long id) implements Change { }

    record PutMember(Member member) implements Change { }

    record DeleteMember(long id) implements Change { }

    record PutToken(Token token) implements Change { }

    record DeleteToken(long id) implements Change { }

    record PutKey(ClientKey key) implements Change { }

    record DeleteKey(long projectId, long id) implements Change { }

    /** An audit entry, written in the same record as the change it describes; it goes with its organization. */
    record PutAudit(AuditEntry entry) implements Change { }

    /**
     * Retention ({@code --audit-retention-days}): every audit entry created before this time goes.
     * The store writes it itself, at compaction.
     */
    record DropAuditBefore(long micros) implements Change { }
}
