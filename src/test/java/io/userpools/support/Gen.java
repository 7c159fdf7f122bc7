package io.userpools.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A generator of test values, hand-written: seeded sampling without shrinking; a failure prints
 * the seed and the sample ({@link Sampler}). The combinators are the few the hostile tests use;
 * their names follow the usual property-testing vocabulary ({@code of}, {@code oneOf},
 * {@code frequencyOf}, {@code combine(...).as(...)}, {@code list()}, {@code recursive}).
 */
@FunctionalInterface
public interface Gen<T> {

    /** One value, drawn with {@code random} only (so a seed gives the same value again). */
    T sample(SplittableRandom random);

    /** How often {@link #filter} may draw a value it refuses for one sample before it gives up. */
    int FILTER_TRIES = 10_000;

    default <U> Gen<U> map(Function<? super T, ? extends U> f) {
        return r -> f.apply(sample(r));
    }

    default <U> Gen<U> flatMap(Function<? super T, ? extends Gen<U>> f) {
        return r -> f.apply(sample(r)).sample(r);
    }

    /** Draws again (up to {@link #FILTER_TRIES} times) until {@code keep} accepts the value. */
    default Gen<T> filter(Predicate<? super T> keep) {
        return r -> {
            for (int i = 0; i < FILTER_TRIES; i++) {
                T value = sample(r);
                if (keep.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("filter refused " + FILTER_TRIES + " values in a row");
        };
    }

    /** Lists of these values (0 to 10 long unless {@link Lists#ofMaxSize} says otherwise). */
    default Lists<T> list() {
        return new Lists<>(this, 0, 10, null);
    }

    // ---- factories ----

    static <T> Gen<T> just(T value) {
        return r -> value;
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    /** One of {@code values}, each as likely (null elements are not allowed). */
    static <T> Gen<T> of(Collection<T> values) {
        List<T> copy = List.copyOf(values);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        return r -> copy.get(r.nextInt(copy.size()));
    }

    /** A value of one of {@code gens}, each as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T> first, Gen<? extends T>... rest) {
        List<Gen<? extends T>> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return r -> all.get(r.nextInt(all.size())).sample(r);
    }

    /** A generator with a weight, for {@link #frequencyOf}. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {
    }

    static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** A value of one of the generators, chosen in proportion to its weight (weight 0: never). */
    @SafeVarargs
    static <T> Gen<T> frequencyOf(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> all = List.of(choices);
        int total = all.stream().mapToInt(Weighted::weight).sum();
        return r -> {
            int pick = r.nextInt(total);
            for (Weighted<? extends T> choice : all) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.gen().sample(r);
                }
            }
            throw new AssertionError("unreachable");
        };
    }

    /** Any int: one in five an edge (0, 1, -1, MIN, MAX), else uniform. */
    static Ints integers() {
        return new Ints(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    static Chars chars() {
        return new Chars(null);
    }

    static Strings strings() {
        return new Strings(new StringBuilder(), false, 0, 255);
    }

    /** Byte arrays of 0 to {@code maxSize} random bytes. */
    static Gen<byte[]> bytes(int maxSize) {
        return r -> {
            byte[] out = new byte[r.nextInt(maxSize + 1)];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) r.nextInt(256);
            }
            return out;
        };
    }

    /**
     * Nested values: {@code deeper} applied to {@code base} between {@code minDepth} and
     * {@code maxDepth} times (chosen per sample), so the nesting is bounded.
     */
    static <T> Gen<T> recursive(Supplier<Gen<T>> base, Function<Gen<T>, Gen<T>> deeper, int minDepth, int maxDepth) {
        List<Gen<T>> byDepth = new ArrayList<>();
        byDepth.add(base.get());
        for (int d = 1; d <= maxDepth; d++) {
            byDepth.add(deeper.apply(byDepth.get(d - 1)));
        }
        return r -> byDepth.get(minDepth + r.nextInt(maxDepth - minDepth + 1)).sample(r);
    }

    static <A, B> Combine2<A, B> combine(Gen<A> a, Gen<B> b) {
        return new Combine2<>(a, b);
    }

    static <A, B, C> Combine3<A, B, C> combine(Gen<A> a, Gen<B> b, Gen<C> c) {
        return new Combine3<>(a, b, c);
    }

    static <A, B, C, D> Combine4<A, B, C, D> combine(Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d) {
        return new Combine4<>(a, b, c, d);
    }

    static <T> CombineAll<T> combine(List<Gen<T>> gens) {
        return new CombineAll<>(List.copyOf(gens));
    }

    // ---- the types behind the factories ----

    /** Ints between two bounds (inclusive). */
    record Ints(int min, int max) implements Gen<Integer> {
        private static final int[] EDGES = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};

        public Ints between(int from, int to) {
            return new Ints(from, to);
        }

        @Override
        public Integer sample(SplittableRandom r) {
            if (min == Integer.MIN_VALUE && max == Integer.MAX_VALUE) {
                return r.nextInt(5) == 0 ? EDGES[r.nextInt(EDGES.length)] : r.nextInt();
            }
            return (int) r.nextLong(min, (long) max + 1);
        }
    }

    /** Any char (surrogates included), or one of a given set. */
    record Chars(String from) implements Gen<Character> {
        public Chars with(String chars) {
            return new Chars(chars);
        }

        @Override
        public Character sample(SplittableRandom r) {
            return from == null ? (char) r.nextInt(Character.MAX_VALUE + 1) : from.charAt(r.nextInt(from.length()));
        }
    }

    /**
     * Strings of a length between bounds (uniform), of chars from the given ranges and sets, or of
     * any char when none are given or {@link #all()} is asked for.
     */
    final class Strings implements Gen<String> {
        private final StringBuilder chars;
        private final boolean all;
        private final int min;
        private final int max;

        private Strings(StringBuilder chars, boolean all, int min, int max) {
            this.chars = chars;
            this.all = all;
            this.min = min;
            this.max = max;
        }

        public Strings all() {
            return new Strings(chars, true, min, max);
        }

        public Strings withCharRange(char from, char to) {
            StringBuilder more = new StringBuilder(chars);
            for (char c = from; c <= to; c++) {
                more.append(c);
            }
            return new Strings(more, all, min, max);
        }

        public Strings withChars(char... some) {
            return new Strings(new StringBuilder(chars).append(some), all, min, max);
        }

        public Strings withChars(String some) {
            return new Strings(new StringBuilder(chars).append(some), all, min, max);
        }

        public Strings alpha() {
            return withCharRange('a', 'z').withCharRange('A', 'Z');
        }

        public Strings ofMinLength(int length) {
            return new Strings(chars, all, length, max);
        }

        public Strings ofMaxLength(int length) {
            return new Strings(chars, all, min, length);
        }

        @Override
        public String sample(SplittableRandom r) {
            int length = min + r.nextInt(max - min + 1);
            StringBuilder out = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                out.append(all || chars.isEmpty() ? (char) r.nextInt(Character.MAX_VALUE + 1)
                        : chars.charAt(r.nextInt(chars.length())));
            }
            return out.toString();
        }
    }

    /** Lists of a size between bounds (uniform), optionally without two elements of the same key. */
    record Lists<T>(Gen<T> element, int min, int max, Function<? super T, ?> key) implements Gen<List<T>> {
        public Lists<T> ofMinSize(int size) {
            return new Lists<>(element, size, max, key);
        }

        public Lists<T> ofMaxSize(int size) {
            return new Lists<>(element, min, size, key);
        }

        /** No two elements with the same {@code by}: a repeat is drawn again (bounded) or left out. */
        public Lists<T> uniqueElements(Function<? super T, ?> by) {
            return new Lists<>(element, min, max, by);
        }

        @Override
        public List<T> sample(SplittableRandom r) {
            int size = min + r.nextInt(max - min + 1);
            List<T> out = new ArrayList<>(size);
            Set<Object> keys = new HashSet<>();
            for (int tries = 0; out.size() < size && tries < FILTER_TRIES; tries++) {
                T value = element.sample(r);
                if (key == null || keys.add(key.apply(value))) {
                    out.add(value);
                }
            }
            if (out.size() < min) {
                throw new IllegalStateException("could not draw " + min + " unique elements");
            }
            return out;
        }
    }

    @FunctionalInterface
    interface F3<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    @FunctionalInterface
    interface F4<A, B, C, D, R> {
        R apply(A a, B b, C c, D d);
    }

    record Combine2<A, B>(Gen<A> a, Gen<B> b) {
        public <R> Gen<R> as(BiFunction<? super A, ? super B, ? extends R> f) {
            return r -> f.apply(a.sample(r), b.sample(r));
        }
    }

    record Combine3<A, B, C>(Gen<A> a, Gen<B> b, Gen<C> c) {
        public <R> Gen<R> as(F3<? super A, ? super B, ? super C, ? extends R> f) {
            return r -> f.apply(a.sample(r), b.sample(r), c.sample(r));
        }
    }

    record Combine4<A, B, C, D>(Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d) {
        public <R> Gen<R> as(F4<? super A, ? super B, ? super C, ? super D, ? extends R> f) {
            return r -> f.apply(a.sample(r), b.sample(r), c.sample(r), d.sample(r));
        }
    }

    record CombineAll<T>(List<Gen<T>> gens) {
        public <R> Gen<R> as(Function<? super List<T>, ? extends R> f) {
            return r -> {
                List<T> values = new ArrayList<>(gens.size());
                gens.forEach(g -> values.add(g.sample(r)));
                return f.apply(values);
            };
        }
    }
}
