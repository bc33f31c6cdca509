package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;

import keys.testing.Gens;
import keys.testing.Prop;
import org.junit.jupiter.api.Test;

class LongMapTest {
    /** Agrees with a HashMap through every growth and clear, zero, negative and colliding keys included. */
    @Test
    void behavesAsAMap() {
        var key = Gens.oneOf(Gens.longs(-3, 3), Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE));
        Prop.forAll(50, Gens.lists(Gens.pairs(key, Gens.longs(-20, 1000)), 0, 400), ops -> {
            LongMap<String> map = new LongMap<>();
            Map<Long, String> model = new HashMap<>();
            for (var op : ops) {
                if (op.second() < 0) { // now and then a clear, as StateBuilder does when a project changes
                    map.clear();
                    model.clear();
                    continue;
                }
                String value = "v" + op.second();
                map.put(op.first(), value);
                model.put(op.first(), value);
                assertEquals(value, map.get(op.first()), op.toString());
            }
            for (var e : model.entrySet()) {
                assertEquals(e.getValue(), map.get(e.getKey()), e.toString());
            }
            if (!model.containsKey(42L)) {
                assertNull(map.get(42));
            }
        });
    }
}
