package keys.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import keys.domain.Scope;
import keys.domain.Secrets;
import keys.domain.User;
import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random trees of tokens minted over the API and random revocations, against a model of
 * interface.md §3's rule: a token lists, mints and revokes only its user's tokens within its own
 * scopes, and revoking one revokes, transitively, every token minted from it. After every step the
 * answers agree with the model; at the end no token minted from a revoked one still authenticates.
 */
class TokenTreePropertyTest {
    static final List<Scope> SCOPES = List.of(Scope.ORG_READ, Scope.PROJECT_READ, Scope.TEAM_READ, Scope.MEMBER_READ);

    /** kind 0 mint, 1 revoke, 2 list; actor and target index the tokens made so far; mask picks scopes. */
    record Op(int kind, int actor, int target, int mask) { }

    record Case(int secondRootMask, List<Op> ops) { }

    static final Gen<Op> OP = s -> new Op(s.drawInt(0, 2), s.drawInt(0, 40), s.drawInt(0, 40), s.drawInt(0, 15));
    static final Gen<Case> CASE = s -> new Case(s.drawInt(0, 15), Gens.lists(OP, 1, 40).generate(s));

    /** One token as the model knows it. */
    static final class T {
        final String clear;
        final String id;
        final Set<Scope> scopes;
        final T parent;
        boolean alive = true;

        T(String clear, String id, Set<Scope> scopes, T parent) {
            this.clear = clear;
            this.id = id;
            this.scopes = scopes;
            this.parent = parent;
        }

        boolean descendsFrom(T other) {
            for (T t = this; t != null; t = t.parent) {
                if (t == other) {
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void revokedTreesStayRevokedAndNoTokenReachesBeyondItsScopes() {
        Prop.forAll(Integer.getInteger("keys.tries", 30), CASE, TokenTreePropertyTest::run);
    }

    static Set<Scope> scopes(int mask) {
        Set<Scope> out = new TreeSet<>();
        for (int b = 0; b < SCOPES.size(); b++) {
            if ((mask & (1 << b)) != 0) {
                out.add(SCOPES.get(b));
            }
        }
        return out;
    }

    static void run(Case c) {
        try (TestServer ts = TestServer.start()) {
            MgmtClient api = new MgmtClient(ts);
            User u = ts.seed().user("tree@x.io");
            List<T> tokens = new ArrayList<>();
            for (Set<Scope> s : List.of(scopes(15), scopes(c.secondRootMask()))) {
                String clear = ts.seed().token(u, s.toArray(Scope[]::new));
                String id = Long.toString(ts.store().state().tokenByHash(Secrets.sha256Hex(clear)).orElseThrow().id());
                tokens.add(new T(clear, id, s, null));
            }
            int step = 0;
            for (Op op : c.ops()) {
                step++;
                String at = "step " + step + " " + op;
                T actor = tokens.get(op.actor() % tokens.size());
                T target = tokens.get(op.target() % tokens.size());
                switch (op.kind()) {
                    case 0 -> {
                        Set<Scope> wanted = scopes(op.mask());
                        int exp = !actor.alive ? 401 : actor.scopes.containsAll(wanted) ? 201 : 400;
                        var r = api.post("/api/0/api-tokens/", actor.clear,
                                java.util.Map.of("scopes", wanted.stream().map(Scope::wire).toList()));
                        assertEquals(exp, r.status(), at + " " + r.raw().body());
                        if (exp == 201) {
                            tokens.add(new T((String) r.obj().get("token"), (String) r.obj().get("id"), wanted, actor));
                        }
                    }
                    case 1 -> {
                        int exp = !actor.alive ? 401 : target.alive && actor.scopes.containsAll(target.scopes) ? 204 : 404;
                        var r = api.delete("/api/0/api-tokens/" + target.id + "/", actor.clear);
                        assertEquals(exp, r.status(), at + " " + r.raw().body());
                        if (exp == 204) {
                            tokens.forEach(t -> t.alive &= !t.descendsFrom(target));
                        }
                    }
                    default -> {
                        var r = api.get("/api/0/api-tokens/?per_page=100", actor.clear);
                        assertEquals(actor.alive ? 200 : 401, r.status(), at);
                        if (actor.alive) {
                            Set<String> expected = new TreeSet<>();
                            tokens.stream().filter(t -> t.alive && actor.scopes.containsAll(t.scopes))
                                    .forEach(t -> expected.add(t.id));
                            assertEquals(expected, new TreeSet<>(r.ids()), at);
                        }
                    }
                }
            }
            for (T t : tokens) {
                assertEquals(t.alive ? 200 : 401, api.get("/api/0/api-tokens/?per_page=100", t.clear).status(),
                        "token " + t.id + " minted by " + (t.parent == null ? "nobody" : t.parent.id));
            }
        }
    }
}
