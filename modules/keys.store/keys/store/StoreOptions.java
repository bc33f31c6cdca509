package keys.store;

import java.util.Objects;

import keys.domain.Sources;

/** How a {@link Store} is opened. Immutable; each {@code with…} returns a changed copy. */
public final class StoreOptions {
    public static final long DEFAULT_COMPACT_THRESHOLD = 64L << 20;

    private final FsyncPolicy fsync;
    private final long compactThresholdBytes;
    private final LogChannelFactory channels;
    private final CompactionHook compactionHook;
    private final Sources sources;
    private final int auditRetentionDays;
    private final long auditFileBytes;

    private StoreOptions(FsyncPolicy fsync, long compactThresholdBytes, LogChannelFactory channels,
                         CompactionHook compactionHook, Sources sources) {
        this(fsync, compactThresholdBytes, channels, compactionHook, sources, 0, AuditRowWriter.ROTATE_BYTES);
    }

    private StoreOptions(FsyncPolicy fsync, long compactThresholdBytes, LogChannelFactory channels,
                         CompactionHook compactionHook, Sources sources, int auditRetentionDays, long auditFileBytes) {
        this.fsync = fsync;
        this.compactThresholdBytes = compactThresholdBytes;
        this.channels = channels;
        this.compactionHook = compactionHook;
        this.sources = sources;
        this.auditRetentionDays = auditRetentionDays;
        this.auditFileBytes = auditFileBytes;
    }

    /** Batch fsync, compaction past 64 MiB of log, real files, the real clock. */
    public static StoreOptions defaults() {
        return new StoreOptions(FsyncPolicy.BATCH, DEFAULT_COMPACT_THRESHOLD, LogChannelFactory.DEFAULT, CompactionHook.NONE,
                Sources.real());
    }

    public StoreOptions withFsync(FsyncPolicy policy) {
        return new StoreOptions(Objects.requireNonNull(policy, "policy"), compactThresholdBytes, channels, compactionHook,
                sources, auditRetentionDays, auditFileBytes);
    }

    /** Compact automatically once the current log segment grows past this many bytes; 0 never does. */
    public StoreOptions withCompactThresholdBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative compaction threshold " + bytes);
        }
        return new StoreOptions(fsync, bytes, channels, compactionHook,
                sources, auditRetentionDays, auditFileBytes);
    }

    /** Where the store's file writes go; tests pass a factory whose channels fail on purpose. */
    public StoreOptions withChannels(LogChannelFactory factory) {
        return new StoreOptions(fsync, compactThresholdBytes, Objects.requireNonNull(factory, "factory"), compactionHook,
                sources, auditRetentionDays, auditFileBytes);
    }

    StoreOptions withCompactionHook(CompactionHook hook) {
        return new StoreOptions(fsync, compactThresholdBytes, channels, Objects.requireNonNull(hook, "hook"),
                sources, auditRetentionDays, auditFileBytes);
    }

    /** The clock the store reads (when the last compaction finished): the server's own. */
    public StoreOptions withSources(Sources sources) {
        return new StoreOptions(fsync, compactThresholdBytes, channels, compactionHook,
                Objects.requireNonNull(sources, "sources"), auditRetentionDays, auditFileBytes);
    }

    /**
     * Drop audit entries older than {@code days} days (by the sources' clock) at each compaction;
     * 0, the default, keeps them forever, as Sentry does.
     */
    public StoreOptions withAuditRetentionDays(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("negative audit retention " + days);
        }
        return new StoreOptions(fsync, compactThresholdBytes, channels, compactionHook, sources, days,
                auditFileBytes);
    }

    /** Start a new audit row file once one passes this many bytes (small in tests of retention). */
    StoreOptions withAuditFileBytes(long bytes) {
        return new StoreOptions(fsync, compactThresholdBytes, channels, compactionHook,
                sources, auditRetentionDays, bytes);
    }

    public int auditRetentionDays() {
        return auditRetentionDays;
    }

    long auditFileBytes() {
        return auditFileBytes;
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

    public Sources sources() {
        return sources;
    }

    CompactionHook compactionHook() {
        return compactionHook;
    }
}
