package keys.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A few seconds of {@link MixedLoad} (default 8; {@code -Dkeys.soak.seconds=N}) against one
 * in-process server: every answer has the status it must have, no 5xx, and the heap after GC ends
 * where it started, give or take 64 MiB. Latencies are reported, never asserted.
 */
class SoakTest {
    static final int THREADS = 6;
    static final long HEAP_SLACK = 64L << 20;

    @Test
    void mixedLoadGetsOnlyExpectedAnswersAndTheHeapStaysBounded() {
        double seconds = Double.parseDouble(System.getProperty("keys.soak.seconds", "8"));
        try (TestServer ts = TestServer.start()) {
            MixedLoad load = new MixedLoad(ts, THREADS);
            long heapStart = MixedLoad.heapAfterGc();
            MixedLoad.Report r = load.run(seconds);
            long heapEnd = MixedLoad.heapAfterGc();
            System.out.printf("SoakTest: %d requests in %.0f s by %d threads, p50 %.2f ms, p99 %.2f ms, "
                            + "heap after GC %d → %d MiB, operations %s%n", r.requests(), seconds, THREADS, r.p50Ms(),
                    r.p99Ms(), heapStart >> 20, heapEnd >> 20, r.operations());
            assertEquals(List.of(), r.problems(), "unexpected answers");
            assertEquals(0, r.errors(), "unexpected answers");
            assertEquals(0, r.serverErrors(), "5xx answers");
            r.operations().forEach((op, n) -> assertTrue(n > 0, op + " never ran"));
            assertTrue(heapEnd < heapStart + HEAP_SLACK, "heap after GC grew from " + (heapStart >> 20) + " to "
                    + (heapEnd >> 20) + " MiB");
        }
    }
}
