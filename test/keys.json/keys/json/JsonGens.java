package keys.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keys.testing.Gen;
import keys.testing.Gens;

/**
 * Generators of JSON trees in the exact form {@link Json#parse} returns them, so that a round
 * trip can be checked with plain {@code equals}: integers that fit a long are Longs, every other
 * number a BigDecimal, strings hold no lone surrogates (the encoder would replace them).
 */
final class JsonGens {
    private JsonGens() {
    }

    /** Code points that survive a round trip, weighted toward the awkward ones. */
    static final Gen<Integer> SCALAR_VALUES = Gens.frequency(
            5, Gens.ints(0x20, 0x7E),
            2, Gens.ints(0, 0x1F),
            2, Gens.ints(0x80, 0x7FF),
            2, Gens.ints(0x800, Character.MIN_SURROGATE - 1),
            1, Gens.ints(Character.MAX_SURROGATE + 1, 0xFFFF),
            2, Gens.ints(0x10000, Character.MAX_CODE_POINT),
            2, Gens.elements(0x22, 0x5C, 0x2F, 0x7F, 0x2028, 0x2029, 0xFEFF, 0xFFFD, 0x1F600, 0x10FFFF));

    static final Gen<String> STRINGS = Gens.strings(SCALAR_VALUES, 40);

    static final Gen<Long> LONGS = Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE);

    /** Decimals with up to 60 digits and exponents far past double's range, in parsed form. */
    static final Gen<Object> DECIMALS = s -> {
        StringBuilder digits = new StringBuilder(s.drawBoolean() ? "-" : "");
        for (int i = 0, n = s.drawInt(1, 60); i < n; i++) {
            digits.append((char) ('0' + s.drawInt(0, 9)));
        }
        BigDecimal d = new BigDecimal(new BigInteger(digits.toString()), s.drawInt(-500, 500));
        return parsedForm(d);
    };

    static final Gen<Object> LEAVES = Gens.frequency(
            3, STRINGS,
            2, LONGS,
            2, DECIMALS,
            1, Gens.booleans(),
            1, Gens.constant(null));

    /** Trees up to six levels deep, mostly small. */
    static final Gen<Object> TREES = Gens.recursive(
            sub -> Gens.oneOf(Gens.lists(sub, 0, 5).map(l -> (Object) l), objects(sub)), LEAVES, 6);

    /** A chain of containers exactly {@code depth} deep around a leaf (depth 0: the leaf). */
    static Gen<Object> nested(int depth) {
        return s -> {
            Object v = LEAVES.generate(s);
            for (int i = 0; i < depth; i++) {
                if (s.drawBoolean()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put(STRINGS.generate(s), v);
                    v = m;
                } else {
                    List<Object> l = new ArrayList<>();
                    l.add(v);
                    v = l;
                }
            }
            return v;
        };
    }

    static Gen<Object> objects(Gen<Object> values) {
        Gen<List<String>> keys = Gens.lists(Gens.oneOf(Gens.asciiStrings(8), STRINGS), 0, 5);
        return s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String k : keys.generate(s)) {
                m.put(k, values.generate(s));
            }
            return m;
        };
    }

    /** What the parser gives back for {@code d}: plain integers that fit a long come back as Long. */
    static Object parsedForm(BigDecimal d) {
        if (d.scale() == 0 && d.unscaledValue().bitLength() < Long.SIZE) {
            return d.longValueExact();
        }
        return d;
    }
}
