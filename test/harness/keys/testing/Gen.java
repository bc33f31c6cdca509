package keys.testing;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of values of type {@code T}. A generator draws every random decision from its
 * {@link Source}; because the source records those decisions, the runner can shrink a failing
 * case by shrinking the recorded decisions and generating again, so {@code map}, {@code flatMap}
 * and {@code filter} shrink for free.
 */
@FunctionalInterface
public interface Gen<T> {

    T generate(Source s);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        return s -> f.apply(generate(s));
    }

    default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
        Objects.requireNonNull(f, "f");
        return s -> f.apply(generate(s)).generate(s);
    }

    /**
     * Keeps only values passing {@code p}. Gives up on the case after 100 rejections in a row
     * (the runner then skips it and fails only when far too many cases are skipped).
     */
    default Gen<T> filter(Predicate<? super T> p) {
        Objects.requireNonNull(p, "p");
        return s -> {
            for (int i = 0; i < 100; i++) {
                T v = generate(s);
                if (p.test(v)) {
                    return v;
                }
            }
            throw Discard.FILTERED;
        };
    }
}
