package keys.testing;

/**
 * Thrown to abandon a case that is not a valid input (a filter gave up, an assumption failed, or
 * the generator drew too much): the runner skips it, and the shrinker treats it as "not failing".
 */
final class Discard extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final Discard FILTERED = new Discard("filter rejected 100 values in a row");
    static final Discard ASSUMPTION = new Discard("assumption not met");
    static final Discard OVERRUN = new Discard("generator drew more than " + Source.MAX_DRAWS + " choices");

    private Discard(String message) {
        // Shared instances without stack traces: discards are control flow, and frequent.
        super(message, null, false, false);
    }
}
