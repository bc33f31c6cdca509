package keys.http;

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
 * {@code /api/0/api-tokens/}: any valid token lists and mints its user's tokens. A new token gets
 * at most the scopes of the token that mints it (a superuser's: any), and on every request they are
 * capped again by its user's role in the organization asked about. Only a superuser mints for
 * someone else ({@code user}: an email; a new address makes a new user, as adding a member does).
 */
final class TokenEndpoints {
    static final int MAX_NAME = 255;

    private TokenEndpoints() {
    }

    static Response list(Call call) {
        List<Token> tokens = call.state.tokens(call.caller.user().id());
        return ManagementLists.page(call, tokens, Token::id, (w, t) -> ManagementJson.token(w, t, null));
    }

    static Response create(Call call) {
        Fields f = Fields.of(call);
        if (f.has("user") && !call.caller.superuser()) {
            throw ApiException.forbidden();
        }
        String name = f.string("name", false, true, true, MAX_NAME);
        EnumSet<Scope> scopes = scopes(f);
        if (!call.caller.superuser() && !call.caller.token().scopes().containsAll(scopes)) {
            // Otherwise a leaked read-only token would mint itself everything its user's role allows.
            f.error("scopes", "A token can only be given scopes the token that creates it has.");
        }
        String email = f.has("user") ? f.email("user", keys.domain.Emails.MAX_LENGTH) : null;
        f.check();
        String clear = call.api.sources.newUserToken();
        long callerId = call.caller.user().id();
        Token minted = call.api.store.write(tx -> {
            State s = tx.state();
            long userId = callerId;
            if (email != null) {
                User u = s.userByEmail(email).orElse(null);
                if (u == null) {
                    u = new User(tx.nextId(), email, false, call.api.sources.nowMicros());
                    tx.add(new Change.PutUser(u));
                }
                userId = u.id();
            } else if (s.user(callerId).isEmpty()) {
                throw ApiException.detail(401, "Invalid token");
            }
            Token t = new Token(tx.nextId(), userId, name == null || name.isEmpty() ? null : name,
                    Secrets.sha256Hex(clear), scopes, call.api.sources.nowMicros(), 0,
                    clear.substring(clear.length() - 4));
            tx.add(new Change.PutToken(t));
            return t;
        });
        JsonWriter w = new JsonWriter(512);
        ManagementJson.token(w, minted, clear);
        return Response.created(w.toByteArray());
    }

    /** Revokes one of the caller's tokens (any token, for a superuser); others' are not found. */
    static Response delete(Call call) {
        String id = call.param("token_id");
        if (!OrgAccess.isDigits(id) || id.length() > 18) {
            throw ApiException.notFound();
        }
        long tokenId = Long.parseLong(id);
        long callerId = call.caller.user().id();
        boolean superuser = call.caller.superuser();
        call.api.store.write(tx -> {
            Token t = tx.state().token(tokenId).orElseThrow(ApiException::notFound);
            if (t.userId() != callerId && !superuser) {
                throw ApiException.notFound();
            }
            tx.add(new Change.DeleteToken(tokenId));
            return null;
        });
        return Response.noContent();
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
