package keys.http;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Page-sized byte arrays kept for reuse. A 100-key page is ~170 KB, and a fresh array of that
 * size costs its zeroing and a share of a young collection on every list request; a few arrays
 * handed back after the response is written save both. Arrays of another size (a page that
 * outgrew its buffer) are left to the collector, and at most {@code keep} are held when idle.
 *
 * <p>The most recently returned array is taken first: its bytes are likely still in the CPU's
 * caches, where a queue would cycle through every array kept (~2.7 MB), each one cold by the
 * time it comes round again, and the copies of the page that follow would read it from memory.
 * Slots are claimed by compare-and-set, lowest first, so taking and giving never block.
 */
final class BufferPool {
    private final AtomicReferenceArray<byte[]> slots;
    private final int size;

    BufferPool(int keep, int size) {
        this.slots = new AtomicReferenceArray<>(keep);
        this.size = size;
    }

    byte[] take() {
        for (int i = 0; i < slots.length(); i++) {
            byte[] b = slots.get(i);
            if (b != null && slots.compareAndSet(i, b, null)) {
                return b;
            }
        }
        return new byte[size];
    }

    /** Only once the bytes have been written out: the next page overwrites them. */
    void give(byte[] b) {
        if (b.length != size) {
            return;
        }
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) == null && slots.compareAndSet(i, null, b)) {
                return;
            }
        }
    }
}
