package keys.http;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import keys.domain.Scope;
import keys.domain.Secrets;
import keys.domain.Token;
import keys.domain.User;
import keys.json.JsonWriter;
import keys.store.Change;
import keys.store.State;

/**
 * {@code /api/0/api-tokens/}. Sentry serves these only to browser sessions, which keys does not
 * have, so a token manages tokens under one rule: it lists, mints and revokes only its user's
 * tokens whose scopes are a subset of its own (a superuser's token with every scope: everyone's,
 * and it alone mints for another user, {@code user}: an email, a new one making a new user). Each
 * token records the token that minted it, and revoking a token revokes, in the same write, every
 * token minted from it, so a leaked token can be revoked for good.
 */
final class TokenEndpoints {
    static final int MAX_NAME = Token.MAX_NAME;

    private TokenEndpoints() {
    }

    static Response list(Call call) {
        List<Token> tokens = new ArrayList<>();
        for (Token t : call.state.tokens(call.caller.user().id())) {
            if (manages(call.caller, t)) {
                tokens.add(t);
            }
        }
        return ManagementLists.page(call, tokens, Token::id, (w, t) -> ManagementJson.token(w, t, null));
    }

    static Response create(Call call) {
        Fields f = Fields.of(call);
        if (f.has("user") && !call.caller.superuserWithEveryScope()) {
            throw ApiException.forbidden();
        }
        String name = f.string("name", false, true, true, MAX_NAME);
        EnumSet<Scope> scopes = scopes(f);
        if (!call.caller.token().scopes().containsAll(scopes)) {
            // Otherwise a leaked read-only token would mint itself everything its user's role allows.
            f.error("scopes", "A token can only be given scopes the token that creates it has.");
        }
        String email = f.has("user") ? f.email("user", keys.domain.Emails.MAX_LENGTH) : null;
        f.check();
        String clear = call.api.sources.newUserToken();
        long callerId = call.caller.user().id();
        long minter = call.caller.token().id();
        Token minted = call.api.store.write(tx -> {
            State s = tx.state();
            if (s.token(minter).isEmpty() || s.user(callerId).isEmpty()) {
                throw ApiException.detail(401, "Invalid token"); // revoked meanwhile: it mints nothing
            }
            long userId = callerId;
            if (email != null) {
                User u = s.userByEmail(email).orElse(null);
                if (u == null) {
                    u = new User(tx.nextId(), email, false, call.api.sources.nowMicros());
                    tx.add(new Change.PutUser(u));
                }
                userId = u.id();
            }
            Token t = new Token(tx.nextId(), userId, name == null || name.isEmpty() ? null : name,
                    Secrets.sha256Hex(clear), scopes, call.api.sources.nowMicros(), 0,
                    clear.substring(clear.length() - 4), minter);
            tx.add(new Change.PutToken(t));
            return t;
        });
        JsonWriter w = new JsonWriter(512);
        ManagementJson.token(w, minted, clear);
        return Response.created(w.toByteArray());
    }

    /**
     * Revokes a token the caller manages and every token minted from it, in one write; a token
     * the caller does not manage is not found, as it is not listed.
     */
    static Response delete(Call call) {
        String id = call.param("token_id");
        if (!OrgAccess.isDigits(id) || id.length() > 18) {
            throw ApiException.notFound();
        }
        long tokenId = Long.parseLong(id);
        Caller caller = call.caller;
        call.api.store.write(tx -> {
            Token t = tx.state().token(tokenId).orElseThrow(ApiException::notFound);
            if (!manages(caller, t)) {
                throw ApiException.notFound();
            }
            for (long descendant : tx.state().tokensMintedFrom(tokenId)) {
                tx.add(new Change.DeleteToken(descendant));
            }
            tx.add(new Change.DeleteToken(tokenId));
            return null;
        });
        return Response.noContent();
    }

    /**
     * The subset rule: one of the caller's tokens with no scope the calling token lacks; any
     * token at all for a superuser's token with every scope.
     */
    private static boolean manages(Caller caller, Token t) {
        return caller.superuserWithEveryScope()
                || (t.userId() == caller.user().id() && caller.token().scopes().containsAll(t.scopes()));
    }

    /** A required list of scope names, as DRF's MultipleChoiceField reads it. */
    private static EnumSet<Scope> scopes(Fields f) {
        EnumSet<Scope> out = EnumSet.noneOf(Scope.class);
        List<?> names = f.list("scopes", true, false);
        if (names == null) {
            return out;
        }
        for (Object n : names) {
            Scope s = n instanceof String str ? Scope.parse(str).orElse(null) : null;
            if (s == null) {
                f.error("scopes", "\"" + n + "\" is not a valid choice.");
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
