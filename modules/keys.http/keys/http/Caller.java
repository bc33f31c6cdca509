package keys.http;

import java.util.EnumSet;
import java.util.Set;

import keys.domain.Member;
import keys.domain.Scope;
import keys.domain.Token;
import keys.domain.User;

/** Who is calling: the token's user and the token itself. Null on public routes. */
record Caller(User user, Token token) {

    boolean superuser() {
        return user.superuser();
    }

    /** The token's own scopes; superusers hold every scope. */
    boolean tokenHasAny(Set<Scope> anyOf) {
        if (anyOf.isEmpty() || superuser()) {
            return true;
        }
        for (Scope s : anyOf) {
            if (token.scopes().contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** Scopes in one organization: the token's, capped by the member's role (all for superusers). */
    Set<Scope> scopesIn(Member member) {
        if (superuser()) {
            return Scope.all();
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
        if (anyOf.isEmpty() || superuser()) {
            return true;
        }
        Set<Scope> held = scopesIn(member);
        for (Scope s : anyOf) {
            if (held.contains(s)) {
                return true;
            }
        }
        return false;
    }
}
