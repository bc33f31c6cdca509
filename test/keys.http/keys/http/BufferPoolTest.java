package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void theArrayJustGivenBackIsTheNextTakenNotTheOldestKept() {
        BufferPool pool = new BufferPool(4, 8);
        byte[] a = pool.take();
        byte[] b = pool.take();
        pool.give(a);
        pool.give(b);
        byte[] first = pool.take();
        pool.give(first);
        assertSame(first, pool.take(), "the warm array comes back, not the other one kept");
    }

    @Test
    void keepsAtMostItsLimitAndOnlyArraysOfItsSize() {
        BufferPool pool = new BufferPool(2, 8);
        List<byte[]> taken = List.of(pool.take(), pool.take(), pool.take());
        taken.forEach(pool::give);
        pool.give(new byte[9]);
        Set<byte[]> again = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < 3; i++) {
            byte[] b = pool.take();
            assertEquals(8, b.length);
            again.add(b);
        }
        long reused = taken.stream().filter(again::contains).count();
        assertEquals(2, reused, "two kept, the third taken fresh");
    }

    @Test
    void noArrayIsHeldByTwoTakersAtOnce() throws InterruptedException {
        BufferPool pool = new BufferPool(4, 8);
        Set<byte[]> held = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        AtomicInteger clashes = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    byte[] b = pool.take();
                    if (!held.add(b)) {
                        clashes.incrementAndGet();
                    }
                    held.remove(b);
                    pool.give(b);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, clashes.get());
        assertNotSame(pool.take(), pool.take());
        assertTrue(held.isEmpty());
    }
}
