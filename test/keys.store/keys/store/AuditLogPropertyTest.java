package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import keys.testing.Gen;
import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

/**
 * An audit log's versions share their columns and append into a common tail in place: whatever
 * is done to one version (appends, backdated rows, retention cuts, from any earlier version, so
 * that two versions append past the same point), every version keeps exactly its own rows, in
 * (time, id) order, read one by one, by page and as the chunks a snapshot writes.
 */
class AuditLogPropertyTest {
    private enum Kind { APPEND, BACKDATE, CUT }

    /** An operation on version {@code from} (modulo the versions made so far) of {@code count} rows. */
    private record Op(Kind kind, int from, int count, int seed) {
    }

    /** Where rows are: all in memory (an in-memory store), all on disk, or some of each (a replayed tail). */
    private enum Rows { MEMORY, DISK, MIXED }

    private static final Gen<Op> OP = Gens.frequency(
            6, op(Kind.APPEND, 1, 300),
            2, op(Kind.BACKDATE, 1, 20),
            1, op(Kind.CUT, 0, 0));

    private static Gen<Op> op(Kind kind, int minCount, int maxCount) {
        return Gens.ints(0, 1_000).flatMap(from -> Gens.ints(minCount, maxCount)
                .flatMap(count -> Gens.ints(0, 1 << 20).map(seed -> new Op(kind, from, count, seed))));
    }

    private record Version(AuditLog log, List<AuditLog.Row> rows) {
    }

    @Test
    void everyVersionKeepsExactlyItsOwnRowsInOrder() {
        Prop.forAll(100, Gens.pairs(Gens.elements(Rows.values()), Gens.lists(OP, 1, 25)), c -> {
            Rows where = c.first();
            List<Op> ops = c.second();
            List<Version> versions = new ArrayList<>(List.of(new Version(AuditLog.EMPTY, List.of())));
            long[] nextId = {1};
            for (Op op : ops) {
                Version base = versions.get(op.from() % versions.size());
                Version next = apply(base, op, where, nextId);
                check(next);
                versions.add(next);
            }
            for (Version v : versions) {
                check(v);
            }
        });
    }

    private static Version apply(Version base, Op op, Rows where, long[] nextId) {
        java.util.Random random = new java.util.Random(op.seed());
        List<AuditLog.Row> rows = base.rows();
        long last = rows.isEmpty() ? 1_000 : rows.getLast().micros();
        return switch (op.kind()) {
            case APPEND, BACKDATE -> {
                AuditLog.Row[] added = new AuditLog.Row[op.count()];
                long micros = last;
                for (int i = 0; i < added.length; i++) {
                    // Appended rows share milliseconds now and then; backdated ones land anywhere.
                    micros = op.kind() == Kind.APPEND ? micros + random.nextInt(3) : 1_000 + random.nextLong(last);
                    added[i] = row(nextId[0]++, micros, where == Rows.MEMORY || where == Rows.MIXED && random.nextBoolean());
                }
                List<AuditLog.Row> expected = new ArrayList<>(rows);
                expected.addAll(List.of(added));
                expected.sort(AuditLog.Row::compare);
                yield new Version(base.log().with(added, added.length), expected);
            }
            case CUT -> {
                long cut = rows.isEmpty() ? 0 : rows.get(random.nextInt(rows.size())).micros();
                yield new Version(base.log().withoutBefore(cut),
                        rows.stream().filter(r -> r.micros() >= cut).toList());
            }
        };
    }

    private static AuditLog.Row row(long id, long micros, boolean inMemory) {
        return inMemory ? new AuditLog.Row(id, micros, (int) (id % 5), id % 3, id * 7, 0, AuditLog.IN_MEMORY,
                "10.0.0." + id % 250, "{\"n\":" + id + "}")
                : new AuditLog.Row(id, micros, (int) (id % 5), id % 3, id * 7, 0, 1_000 + id, null, null);
    }

    private static void check(Version v) {
        AuditLog log = v.log();
        List<AuditLog.Row> expected = v.rows();
        assertEquals(expected.size(), log.size());
        assertEquals(expected, IntStream.range(0, log.size()).mapToObj(log::row).toList());
        List<AuditLog.Row> chunked = new ArrayList<>();
        for (AuditLog.Chunk c : log.chunks()) {
            assertEquals(c.size(), c.ids().length, "a snapshot's chunk holds exactly its rows");
            IntStream.range(0, c.size()).mapToObj(c::row).forEach(chunked::add);
        }
        assertEquals(expected, chunked);
        if (!expected.stream().allMatch(r -> r.locator() == AuditLog.IN_MEMORY)) {
            return; // a page of rows on disk would read them from a file
        }
        List<Long> newestFirst = log.query(1, new AuditQuery(0, 0, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
                false, 0, Integer.MAX_VALUE), null).stream().map(e -> e.id()).toList();
        assertEquals(expected.stream().sorted(Comparator.comparing(AuditLog.Row::micros)
                .thenComparing(AuditLog.Row::id).reversed()).map(AuditLog.Row::id).toList(), newestFirst);
    }
}
