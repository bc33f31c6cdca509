package keys.testing;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Whole numbers in a range, shrinking toward the simplest value of the range (0 when it holds 0,
 * else the bound nearest 0). Fresh draws are steered now and then to the edges (bounds, 0, ±1)
 * and to small magnitudes, where bugs live. The value is always recorded as a sign and a
 * magnitude, so shrinking never depends on how a value was first picked.
 */
final class Longs implements Gen<Long> {
    private static final long SMALL = 100;

    private final long target;
    private final long up;   // max - target, unsigned
    private final long down; // target - min, unsigned
    private final long[] edges;

    Longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        target = min > 0 ? min : max < 0 ? max : 0;
        up = max - target;
        down = target - min;
        Set<Long> e = new LinkedHashSet<>();
        for (long v : new long[] {target, min, max, target + 1, target - 1, min + 1, max - 1}) {
            // The ±1 candidates may wrap around at the ends of long; keep only values in range.
            if (v >= min && v <= max) {
                e.add(v);
            }
        }
        edges = e.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public Long generate(Source s) {
        long kind = s.draw(0, 9); // steers fresh draws only: 0-5 uniform, 6-7 small, 8-9 an edge
        boolean both = up != 0 && down != 0;
        boolean negative;
        long magnitude;
        if (kind >= 8) {
            long edge = edges[(int) s.draw(0, edges.length - 1)];
            long sign = edge < target ? 1 : 0;
            negative = both ? s.drawSteered(1, sign, sign) == 1 : down != 0;
            long forced = edge < target ? target - edge : edge - target;
            magnitude = s.drawSteered(negative ? down : up, forced, forced);
        } else {
            negative = both ? s.drawBoolean() : down != 0;
            long span = negative ? down : up;
            long fresh = kind >= 6 && Long.compareUnsigned(span, SMALL) > 0 ? SMALL : span;
            magnitude = s.drawSteered(span, 0, fresh);
        }
        return negative ? target - magnitude : target + magnitude;
    }
}
