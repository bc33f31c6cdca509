package keys.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The in-memory store (embedding.md §3): writes take the disk store's path (encoded, then checked
 * and decoded as recovery reads them) and the bytes are dropped; no directory, no lock.
 */
class InMemoryStoreTest {
    @Test
    void writesAsOnDiskWithoutADirectory() {
        try (Store other = Store.inMemory(Fixtures.FAST); Store memory = Store.inMemory(StoreOptions.defaults())) {
            assertNull(memory.directory());
            long project = Fixtures.seed(memory);
            Fixtures.addKeys(memory, project, 100);
            assertEquals(100, memory.state().keys(project).size());
            assertEquals(101, memory.stats().records(), "every write was one record through the log path");
            assertTrue(memory.isOpen());
            memory.compact(); // nothing to rewrite: a no-op, not a failure
            assertEquals(0, memory.stats().compactions());
            assertEquals(0, other.state().keyCount(), "two in-memory stores share nothing");
        }
    }

    @Test
    void closedMeansUnavailable() {
        Store memory = Store.inMemory(StoreOptions.defaults());
        memory.close();
        memory.close();
        assertThrows(StoreUnavailableException.class, () -> Fixtures.seed(memory));
    }

    @Test
    void theChannelRefusesWhatRecoveryWouldRefuse() throws IOException {
        MemoryLogChannel channel = new MemoryLogChannel();
        channel.write(ByteBuffer.wrap(LogFormat.header(LogFormat.LOG_MAGIC)));
        byte[] payload = ChangeCodec.encode(1, List.of());
        channel.write(LogEncoder.frame(1, payload));
        assertThrows(IOException.class, () -> channel.write(LogEncoder.frame(3, payload)), "a seq gap");
        ByteBuffer torn = LogEncoder.frame(2, payload);
        torn.put(torn.limit() - 1, (byte) (torn.get(torn.limit() - 1) ^ 1));
        assertThrows(IOException.class, () -> channel.write(torn), "a checksum mismatch");
        byte[] garbage = {9, 9, 9};
        assertThrows(IOException.class, () -> channel.write(LogEncoder.frame(2, garbage)), "a payload that does not decode");
        channel.write(LogEncoder.frame(2, payload));
    }
}
