package keys.http;

import java.util.EnumSet;
import java.util.Set;

import keys.domain.Member;
import keys.domain.Scope;
import keys.domain.Token;
import keys.domain.User;

/**
 * Who is calling: the token's user and the token itself. Null on public routes. Being a superuser
 * widens which organizations a token reaches, never which scopes it has: every check reads the
 * token's own scopes, as Sentry's {@code ScopedPermission} does.
 */
record Caller(User user, Token token) {

    boolean superuser() {
        return user.superuser();
    }

    /** Whether the token itself holds one of the scopes (any token, for an empty set). */
    boolean tokenHasAny(Set<Scope> anyOf) {
        return holdsAny(token.scopes(), anyOf);
    }

    /** A superuser's token with every scope: the one that may act for other users. */
    boolean superuserWithEveryScope() {
        return superuser() && token.scopes().containsAll(Scope.all());
    }

    /**
     * Scopes in one organization: the token's, capped by the member's role; a superuser's token
     * keeps its own scopes in every organization.
     */
    Set<Scope> scopesIn(Member member) {
        if (superuser()) {
            return token.scopes();
        }
        if (member == null) {
            return Set.of();
        }
        EnumSet<Scope> s = EnumSet.noneOf(Scope.class);
        s.addAll(token.scopes());
        s.retainAll(member.role().scopes());
        return s;
    }

    boolean hasAnyIn(Member member, Set<Scope> anyOf) {
        return holdsAny(scopesIn(member), anyOf);
    }

    private static boolean holdsAny(Set<Scope> held, Set<Scope> anyOf) {
        if (anyOf.isEmpty()) {
            return true;
        }
        for (Scope s : anyOf) {
            if (held.contains(s)) {
                return true;
            }
        }
        return false;
    }
}
