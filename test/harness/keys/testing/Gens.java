package keys.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The stock generators. Each one shrinks toward its "simplest" value: numbers toward 0 (or the
 * bound nearest 0), choices toward the first option, collections toward fewer elements.
 */
public final class Gens {
    private Gens() {
    }

    /** Integers in {@code [min, max]}, sometimes at the edges (bounds, 0, ±1). */
    public static Gen<Integer> ints(int min, int max) {
        return new Longs(min, max).map(Long::intValue);
    }

    /** Longs in {@code [min, max]}, sometimes at the edges (bounds, 0, ±1). */
    public static Gen<Long> longs(long min, long max) {
        return new Longs(min, max);
    }

    /** Shrinks toward {@code false}. */
    public static Gen<Boolean> booleans() {
        return Source::drawBoolean;
    }

    public static <T> Gen<T> constant(T v) {
        return s -> v;
    }

    /** One of {@code values}, shrinking toward the first. */
    public static <T> Gen<T> elements(List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to choose from");
        }
        List<T> copy = Collections.unmodifiableList(new ArrayList<>(values));
        return s -> copy.get(s.drawInt(0, copy.size() - 1));
    }

    @SafeVarargs
    public static <T> Gen<T> elements(T... values) {
        List<T> list = new ArrayList<>(values.length);
        for (T v : values) { // copied element by element: the varargs array must not escape
            list.add(v);
        }
        return elements(list);
    }

    /** A value from one of {@code gens}, picked evenly, shrinking toward the first. */
    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        if (gens.length == 0) {
            throw new IllegalArgumentException("no generators to choose from");
        }
        List<Gen<? extends T>> copy = new ArrayList<>(gens.length);
        for (Gen<? extends T> g : gens) {
            copy.add(Objects.requireNonNull(g, "gen"));
        }
        return s -> copy.get(s.drawInt(0, copy.size() - 1)).generate(s);
    }

    /**
     * A value from one of the generators, picked by weight: {@code frequency(3, gA, 1, gB)}
     * picks {@code gA} three times as often. Shrinks toward the first generator.
     */
    @SuppressWarnings("unchecked")
    public static <T> Gen<T> frequency(Object... weightAndGenPairs) {
        if (weightAndGenPairs.length == 0 || weightAndGenPairs.length % 2 != 0) {
            throw new IllegalArgumentException("expected weight, generator pairs");
        }
        int n = weightAndGenPairs.length / 2;
        long[] upTo = new long[n];
        List<Gen<? extends T>> gens = new ArrayList<>(n);
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (!(weightAndGenPairs[2 * i] instanceof Number w) || w.longValue() <= 0
                    || !(weightAndGenPairs[2 * i + 1] instanceof Gen<?> g)) {
                throw new IllegalArgumentException("pair " + i + " is not (positive weight, Gen)");
            }
            total += w.longValue();
            upTo[i] = total;
            gens.add((Gen<? extends T>) g);
        }
        long sum = total;
        return s -> {
            long pick = s.draw(0, sum - 1);
            int i = 0;
            while (pick >= upTo[i]) {
                i++;
            }
            return gens.get(i).generate(s);
        };
    }

    /** Mutable lists of {@code minSize..maxSize} elements, mostly short, sometimes full. */
    public static <T> Gen<List<T>> lists(Gen<T> element, int minSize, int maxSize) {
        Objects.requireNonNull(element, "element");
        Repeat.checkSizes(minSize, maxSize);
        return s -> {
            List<T> out = new ArrayList<>();
            Repeat r = new Repeat(s, minSize, maxSize);
            while (r.more()) {
                out.add(element.generate(s));
            }
            return out;
        };
    }

    /**
     * Strings of at most {@code maxLen} chars over all of Unicode: controls, astral code points and
     * lone surrogates included. A third of them are pure ASCII, the rest about a third ASCII.
     */
    public static Gen<String> strings(int maxLen) {
        Repeat.checkSizes(0, maxLen);
        // The mode only steers fresh draws: mode 0 forces every character's kind to ASCII.
        return s -> {
            boolean asciiOnly = s.draw(0, 2) == 0;
            return CodePoints.strings(t -> CodePoints.any(t, asciiOnly), maxLen).generate(s);
        };
    }

    /** Strings of at most {@code maxLen} chars from 0..127 (controls included). */
    public static Gen<String> asciiStrings(int maxLen) {
        return CodePoints.strings(CodePoints.ASCII, maxLen);
    }

    /**
     * Strings of at most {@code maxLen} chars (UTF-16 units) made of code points from
     * {@code codePoints}; a supplementary code point that would not fit ends the string.
     */
    public static Gen<String> strings(Gen<Integer> codePoints, int maxLen) {
        return CodePoints.strings(codePoints, maxLen);
    }

    /** Byte arrays of at most {@code maxLen} bytes, bytes shrinking toward 0. */
    public static Gen<byte[]> bytes(int maxLen) {
        Repeat.checkSizes(0, maxLen);
        return s -> {
            byte[] b = new byte[16];
            int n = 0;
            Repeat r = new Repeat(s, 0, maxLen);
            while (r.more()) {
                if (n == b.length) {
                    b = Arrays.copyOf(b, n * 2);
                }
                b[n++] = (byte) s.draw(0, 255);
            }
            return Arrays.copyOf(b, n);
        };
    }

    /**
     * Recursive structures at most {@code maxDepth} levels of {@code f} deep: {@code f} gets the
     * generator of the level below and returns a generator of compound values. Each level is a
     * leaf or a compound half of the time; shrinks toward the leaf.
     */
    public static <T> Gen<T> recursive(Function<Gen<T>, Gen<T>> f, Gen<T> leaf, int maxDepth) {
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth " + maxDepth + " < 0");
        }
        Gen<T> g = leaf;
        for (int depth = 0; depth < maxDepth; depth++) {
            g = oneOf(leaf, f.apply(g));
        }
        return g;
    }

    /** Pairs of independent values. */
    public static <A, B> Gen<Pair<A, B>> pairs(Gen<A> first, Gen<B> second) {
        return s -> new Pair<>(first.generate(s), second.generate(s));
    }
}
