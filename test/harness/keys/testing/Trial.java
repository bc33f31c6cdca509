package keys.testing;

import java.util.function.Consumer;

/** One property checked against the values of one generator: the unit the runner and shrinker re-run. */
final class Trial<T> {
    private final Gen<T> gen;
    private final Consumer<T> property;

    Trial(Gen<T> gen, Consumer<T> property) {
        this.gen = gen;
        this.property = property;
    }

    /**
     * Generates a value from {@code s} and checks it: null when the property holds, else what it
     * threw. A failing generator counts as a failing case, so that it gets a seed and shrinks too.
     *
     * @throws Discard when the case is not a valid input
     */
    Throwable run(Source s) {
        try {
            property.accept(gen.generate(s));
            return null;
        } catch (Discard d) {
            throw d;
        } catch (StackOverflowError e) {
            return e; // a recursion bug under test, not a broken JVM
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            return t;
        }
    }

    /** The value {@code choices} generate, described for a failure message. */
    String describe(long[] choices) {
        try {
            return Describe.value(gen.generate(Source.replay(choices)));
        } catch (RuntimeException e) {
            return "<generator threw " + e + ">";
        }
    }

    /** The value {@code choices} generate, or null when the generator throws. */
    T value(long[] choices) {
        try {
            return gen.generate(Source.replay(choices));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
