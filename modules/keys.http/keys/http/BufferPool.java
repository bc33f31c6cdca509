package keys.http;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Page-sized byte arrays kept for reuse. A 100-key page is ~170 KB, and a fresh array of that
 * size costs its zeroing and a share of a young collection on every list request; a few arrays
 * handed back after the response is written save both. Arrays of another size (a page that
 * outgrew its buffer) are left to the collector, and at most {@code keep} are held when idle.
 */
final class BufferPool {
    private final ArrayBlockingQueue<byte[]> free;
    private final int size;

    BufferPool(int keep, int size) {
        this.free = new ArrayBlockingQueue<>(keep);
        this.size = size;
    }

    byte[] take() {
        byte[] b = free.poll();
        return b != null ? b : new byte[size];
    }

    /** Only once the bytes have been written out: the next page overwrites them. */
    void give(byte[] b) {
        if (b.length == size) {
            free.offer(b);
        }
    }
}
