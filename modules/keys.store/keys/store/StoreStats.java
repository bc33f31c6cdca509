package keys.store;

/**
 * Counters for {@code /metrics}. {@code records} and {@code bytesWritten} count appends since the
 * store opened; {@code logRecords} and {@code logBytes} describe the log since the last snapshot.
 * {@code lastCompactionMillis} is epoch milliseconds, 0 before the first compaction.
 */
public record StoreStats(long records, long bytesWritten, long fsyncs, long fsyncNanos,
                         long logRecords, long logBytes, long lastSeq, long snapshotSeq,
                         long compactions, long compactionFailures, long lastCompactionMillis) {
}
