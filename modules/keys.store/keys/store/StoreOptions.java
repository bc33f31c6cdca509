package keys.store;

import java.util.Objects;

/** How a {@link Store} is opened. Immutable; each {@code with…} returns a changed copy. */
public final class StoreOptions {
    public static final long DEFAULT_COMPACT_THRESHOLD = 64L << 20;

    private final FsyncPolicy fsync;
    private final long compactThresholdBytes;
    private final LogChannelFactory channels;
    private final CompactionHook compactionHook;

    private StoreOptions(FsyncPolicy fsync, long compactThresholdBytes, LogChannelFactory channels,
                         CompactionHook compactionHook) {
        this.fsync = fsync;
        this.compactThresholdBytes = compactThresholdBytes;
        this.channels = channels;
        this.compactionHook = compactionHook;
    }

    /** Batch fsync, compaction past 64 MiB of log, real files. */
    public static StoreOptions defaults() {
        return new StoreOptions(FsyncPolicy.BATCH, DEFAULT_COMPACT_THRESHOLD, LogChannelFactory.DEFAULT, CompactionHook.NONE);
    }

    public StoreOptions withFsync(FsyncPolicy policy) {
        return new StoreOptions(Objects.requireNonNull(policy, "policy"), compactThresholdBytes, channels, compactionHook);
    }

    /** Compact automatically once the current log segment grows past this many bytes; 0 never does. */
    public StoreOptions withCompactThresholdBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative compaction threshold " + bytes);
        }
        return new StoreOptions(fsync, bytes, channels, compactionHook);
    }

    /** Where the store's file writes go; tests pass a factory whose channels fail on purpose. */
    public StoreOptions withChannels(LogChannelFactory factory) {
        return new StoreOptions(fsync, compactThresholdBytes, Objects.requireNonNull(factory, "factory"), compactionHook);
    }

    StoreOptions withCompactionHook(CompactionHook hook) {
        return new StoreOptions(fsync, compactThresholdBytes, channels, Objects.requireNonNull(hook, "hook"));
    }

    public FsyncPolicy fsync() {
        return fsync;
    }

    public long compactThresholdBytes() {
        return compactThresholdBytes;
    }

    public LogChannelFactory channels() {
        return channels;
    }

    CompactionHook compactionHook() {
        return compactionHook;
    }
}
