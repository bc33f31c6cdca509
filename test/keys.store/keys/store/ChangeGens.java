package keys.store;

import java.util.List;
import java.util.Set;

import keys.domain.ClientKey;
import keys.domain.Member;
import keys.domain.OrgRole;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Team;
import keys.domain.Token;
import keys.domain.UseCase;
import keys.domain.User;
import keys.testing.Gen;
import keys.testing.Gens;

/** Generators of arbitrary changes for codec tests: any longs and ints, any strings (lone surrogates too), nulls. */
final class ChangeGens {
    private ChangeGens() {
    }

    static final Gen<Long> LONGS = Gens.oneOf(Gens.longs(0, 1000), Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE));
    static final Gen<Integer> INTS = Gens.oneOf(Gens.ints(0, 100), Gens.ints(Integer.MIN_VALUE, Integer.MAX_VALUE));
    static final Gen<String> STRINGS = Gens.frequency(1, Gens.constant((String) null), 6, Gens.strings(40));
    static final Gen<List<Long>> IDS = Gens.lists(LONGS, 0, 6);
    static final Gen<Set<Scope>> SCOPES = Gens.lists(Gens.elements(Scope.values()), 0, 8).map(Scope::setOf);
    static final Gen<OrgRole> ROLES = Gens.oneOf(Gens.constant((OrgRole) null), Gens.elements(OrgRole.values()));
    static final Gen<Boolean> BOOLS = Gens.booleans();
    static final Gen<String> HEX128 = Gens.pairs(LONGS, LONGS).map(p -> hex(p.first()) + hex(p.second()));
    static final Gen<UseCase> SOME_USE_CASE = Gens.elements(UseCase.values());

    static final Gen<Change> CHANGES = Gens.oneOf(
            s -> new Change.PutOrganization(new Organization(LONGS.generate(s), STRINGS.generate(s), STRINGS.generate(s),
                    LONGS.generate(s), BOOLS.generate(s), STRINGS.generate(s))),
            s -> new Change.PutTeam(new Team(LONGS.generate(s), LONGS.generate(s), STRINGS.generate(s),
                    STRINGS.generate(s), LONGS.generate(s))),
            s -> new Change.PutProject(new Project(LONGS.generate(s), LONGS.generate(s), STRINGS.generate(s),
                    STRINGS.generate(s), STRINGS.generate(s), LONGS.generate(s), IDS.generate(s))),
            s -> new Change.PutUser(new User(LONGS.generate(s), STRINGS.generate(s), BOOLS.generate(s), LONGS.generate(s))),
            s -> new Change.PutMember(new Member(LONGS.generate(s), LONGS.generate(s), LONGS.generate(s),
                    ROLES.generate(s), IDS.generate(s), LONGS.generate(s))),
            s -> new Change.PutToken(new Token(LONGS.generate(s), LONGS.generate(s), STRINGS.generate(s),
                    STRINGS.generate(s), SCOPES.generate(s), LONGS.generate(s), LONGS.generate(s), STRINGS.generate(s),
                    LONGS.generate(s))),
            s -> new Change.PutKey(new ClientKey(LONGS.generate(s), LONGS.generate(s), Gens.strings(40).generate(s),
                    HEX128.generate(s), HEX128.generate(s), BOOLS.generate(s), LONGS.generate(s), INTS.generate(s),
                    INTS.generate(s), STRINGS.generate(s), INTS.generate(s), SOME_USE_CASE.generate(s))),
            s -> new Change.DeleteOrganization(LONGS.generate(s)),
            s -> new Change.DeleteTeam(LONGS.generate(s)),
            s -> new Change.DeleteProject(LONGS.generate(s)),
            s -> new Change.DeleteUser(LONGS.generate(s)),
            s -> new Change.DeleteMember(LONGS.generate(s)),
            s -> new Change.DeleteToken(LONGS.generate(s)),
            s -> new Change.DeleteKey(LONGS.generate(s), LONGS.generate(s)));

    static String hex(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(16 - h.length()) + h;
    }

    static final Gen<List<Change>> CHANGE_LISTS = Gens.lists(CHANGES, 0, 12);
}
