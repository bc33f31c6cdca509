package keys.domain;

/** The JS SDK loader's switches, stored as bits of {@link ClientKey#loaderOptions()}; order = wire order. */
public enum LoaderOption {
    HAS_REPLAY("hasReplay"), HAS_PERFORMANCE("hasPerformance"), HAS_DEBUG("hasDebug"),
    HAS_FEEDBACK("hasFeedback"), HAS_LOGS_AND_METRICS("hasLogsAndMetrics");

    /** New keys start with replay and performance on, as in Sentry. */
    public static final int DEFAULTS = HAS_REPLAY.bit() | HAS_PERFORMANCE.bit();
    /** Every option's bit: a key's options hold no other. */
    public static final int ALL = (1 << values().length) - 1;

    private final String wire;

    LoaderOption(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public int bit() {
        return 1 << ordinal();
    }

    public boolean in(int bits) {
        return (bits & bit()) != 0;
    }
}
