package keys.testing;

/**
 * What {@link Prop#check} found. When the property held, only {@code seed} and {@code tries} mean
 * anything; when it failed, {@code failingTry} (1-based) is the case that failed first,
 * {@code original} and {@code shrunk} are the values (regenerated from their choices, so a
 * property that mutated them did not change them), {@code failure} is what the shrunk case threw.
 */
public record Result<T>(long seed, int tries, boolean passed, int failingTry,
                        T original, T shrunk, String originalText, String shrunkText,
                        Throwable originalFailure, Throwable failure,
                        int shrinkSteps, int shrinkRuns) {

    static <T> Result<T> passed(long seed, int tries) {
        return new Result<>(seed, tries, true, 0, null, null, null, null, null, null, 0, 0);
    }

    /** The failure report: seed, try, original and shrunk values, with the shrunk failure as cause. */
    public String message() {
        if (passed) {
            return "property held for " + tries + " tries (seed " + seed + ")";
        }
        return "Property failed on try " + failingTry + " of " + tries + " (seed " + seed
                + "): replay with -Dkeys.seed=" + seed
                + "\n  original: " + originalText
                + "\n  shrunk (" + shrinkSteps + " steps, " + shrinkRuns + " runs): " + shrunkText
                + "\n  failure: " + Describe.truncate(String.valueOf(failure));
    }

    public AssertionError toAssertionError() {
        return new AssertionError(message(), failure);
    }
}
