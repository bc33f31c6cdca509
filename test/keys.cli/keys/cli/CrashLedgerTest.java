package keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import keys.cli.CrashLedger.Kind;
import keys.cli.CrashLedger.Op;
import keys.cli.CrashLedger.Outcome;
import keys.cli.CrashLedger.SeenKey;
import keys.cli.CrashLedger.SeenProject;

/** The crash harness's judge: what it must flag, and what a crash may legitimately leave. */
class CrashLedgerTest {
    static final SeenProject API = new SeenProject(5, "api");
    static final SeenKey DEMO = new SeenKey("d".repeat(32), 5, "Default", true);
    static final String K = "a".repeat(32);

    final CrashLedger ledger = new CrashLedger(List.of(API), List.of(DEMO));

    static Op op(Kind kind, String name, boolean active, long start, long end, Outcome outcome) {
        Op op = new Op(kind, name, active, start);
        op.end = end;
        op.outcome = outcome;
        return op;
    }

    CrashLedger.Key created(String name) {
        ledger.created(K, 5, op(Kind.CREATE, name, true, 1, 2, Outcome.ACKED));
        return ledger.pick(new java.util.Random(0));
    }

    void verify(SeenKey... keys) {
        List<SeenKey> all = new ArrayList<>(List.of(DEMO));
        all.addAll(List.of(keys));
        ledger.verify("t", List.of(API), all);
    }

    @Test
    void aStateThatMatchesTheAcknowledgedWritesPasses() {
        CrashLedger.Key k = created("one");
        k.add(op(Kind.UPDATE, "two", false, 3, 4, Outcome.ACKED));
        verify(new SeenKey(K, 5, "two", false));
        assertEquals(List.of(), ledger.lost());
        assertEquals(List.of(), ledger.violations());
    }

    @Test
    void aMissingAcknowledgedCreateIsLost() {
        created("one");
        verify();
        assertEquals(1, ledger.lost().size(), ledger.lost().toString());
    }

    @Test
    void anOlderValueAfterALaterAcknowledgedUpdateIsLost() {
        CrashLedger.Key k = created("one");
        k.add(op(Kind.UPDATE, "two", true, 3, 4, Outcome.ACKED));
        k.add(op(Kind.UPDATE, "three", true, 5, 6, Outcome.ACKED));
        verify(new SeenKey(K, 5, "two", true));
        assertEquals(1, ledger.lost().size());
    }

    @Test
    void overlappingAcknowledgedUpdatesMayLandInEitherOrder() {
        CrashLedger.Key k = created("one");
        k.add(op(Kind.UPDATE, "two", true, 3, 6, Outcome.ACKED));
        k.add(op(Kind.UPDATE, "three", true, 4, 5, Outcome.ACKED));
        verify(new SeenKey(K, 5, "two", true));
        assertEquals(List.of(), ledger.lost());
        assertEquals(List.of(), ledger.violations());
    }

    @Test
    void anUnansweredUpdateMayOrMayNotHaveHappened() {
        for (String seen : List.of("two", "three")) {
            CrashLedger l = new CrashLedger(List.of(API), List.of(DEMO));
            l.created(K, 5, op(Kind.CREATE, "one", true, 1, 2, Outcome.ACKED));
            CrashLedger.Key k = l.pick(new java.util.Random(0));
            k.add(op(Kind.UPDATE, "two", true, 3, 4, Outcome.ACKED));
            k.add(op(Kind.UPDATE, "three", false, 5, Long.MAX_VALUE, Outcome.UNKNOWN));
            l.verify("t", List.of(API), List.of(DEMO, new SeenKey(K, 5, seen, seen.equals("two"))));
            assertEquals(List.of(), l.lost(), seen);
            assertEquals(List.of(), l.violations(), seen);
        }
    }

    @Test
    void aRefusedOrRejectedWriteMustNotShow() {
        CrashLedger.Key k = created("one");
        k.add(op(Kind.UPDATE, "two", true, 3, Long.MAX_VALUE, Outcome.NOT_SENT));
        k.add(op(Kind.UPDATE, "three", true, 4, 5, Outcome.REJECTED));
        verify(new SeenKey(K, 5, "two", true));
        verify(new SeenKey(K, 5, "three", true));
        assertEquals(2, ledger.lost().size() + ledger.violations().size());
    }

    @Test
    void aValueNobodyWroteIsAViolation() {
        created("one");
        verify(new SeenKey(K, 5, "one", false));
        assertEquals(1, ledger.violations().size());
    }

    @Test
    void anAcknowledgedDeleteIsFinal() {
        CrashLedger.Key k = created("one");
        k.add(op(Kind.UPDATE, "two", true, 3, Long.MAX_VALUE, Outcome.UNKNOWN));
        k.add(op(Kind.DELETE, null, false, 4, 5, Outcome.ACKED));
        verify(new SeenKey(K, 5, "two", true));
        assertEquals(1, ledger.lost().size());
    }

    @Test
    void anUnansweredDeleteMayHaveHappened() {
        CrashLedger.Key k = created("one");
        k.add(op(Kind.DELETE, null, false, 3, Long.MAX_VALUE, Outcome.UNKNOWN));
        verify();
        assertEquals(List.of(), ledger.lost());
        assertEquals(0, ledger.liveKeys());
    }

    @Test
    void unknownKeysAreViolationsUnlessAnUnansweredCreateExplainsThem() {
        ledger.createUnanswered("maybe", 5);
        SeenKey adopted = new SeenKey("b".repeat(32), 5, "maybe", true);
        SeenKey stranger = new SeenKey("c".repeat(32), 5, "who", true);
        verify(adopted, stranger);
        assertEquals(1, ledger.violations().size(), ledger.violations().toString());
        assertTrue(ledger.violations().get(0).contains("who"));
        assertEquals(1, ledger.liveKeys());
        verify();
        assertEquals(1, ledger.lost().size(), "an adopted key is then required");
    }

    @Test
    void aCreatedProjectNeedsExactlyItsDefaultKey() {
        ledger.projectCreated(9, "p9");
        ledger.verify("t", List.of(API, new SeenProject(9, "p9")), List.of(DEMO));
        assertEquals(1, ledger.violations().size(), ledger.violations().toString());
        ledger.verify("t", List.of(API, new SeenProject(9, "p9")), List.of(DEMO, new SeenKey("e".repeat(32), 9, "Default", true)));
        assertEquals(1, ledger.violations().size(), ledger.violations().toString());
        ledger.verify("t", List.of(API), List.of(DEMO));
        assertEquals(1, ledger.lost().size(), "an acknowledged project is gone");
    }

    @Test
    void theDemoOrganizationMustNotChange() {
        ledger.verify("t", List.of(API), List.of(new SeenKey(DEMO.id(), 5, "Default", false)));
        assertEquals(1, ledger.lost().size());
    }
}
