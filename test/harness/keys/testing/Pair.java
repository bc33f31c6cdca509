package keys.testing;

/** Two generated values, from {@link Gens#pairs}. */
public record Pair<A, B>(A first, B second) {
}
