package io.userpools.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Runs a property over samples of a {@link Gen} inside an ordinary JUnit test (a
 * {@code @QuarkusTest} included): a seeded loop, without shrinking.
 *
 * <p>A run is reproducible: every property draws from a {@link SplittableRandom} made from the
 * seed and its name; {@code -Duserpools.hostile.seed=N} changes the seed and
 * {@code -Duserpools.hostile.tries-factor=F} multiplies the number of samples of every property.
 * A failure report names the seed and the failing sample (the property's detail tells the sample).
 * The run goes on so that different failures (by {@code kind}) are all reported, until the
 * property has failed and spent {@code userpools.hostile.budget-seconds} (120): a defect that
 * makes every answer slow must not make the run endless.
 */
public final class Sampler {

    /** The seed of every property unless {@code userpools.hostile.seed} says otherwise. */
    public static final long DEFAULT_SEED = 20_261_122L;

    private static final int MAX_KINDS = 12;

    /** What one sample did wrong: a short kind (to tell failures apart) and the whole story. */
    public record Failure(String kind, String detail) {
    }

    private Sampler() {
    }

    public static long seed() {
        return Long.getLong("userpools.hostile.seed", DEFAULT_SEED);
    }

    /** The number of samples for a property whose default is {@code byDefault}, times {@code userpools.hostile.tries-factor} (1). */
    public static int tries(int byDefault) {
        double factor = Double.parseDouble(System.getProperty("userpools.hostile.tries-factor", "1"));
        return Math.max(1, (int) Math.round(byDefault * factor));
    }

    /**
     * Checks {@code property} on {@code tries} samples of {@code values}; {@code property} answers
     * null when the sample is fine. Throws an AssertionError naming every kind of failure, each
     * with its first sample and the seed.
     */
    public static <T> void check(String name, Gen<T> values, int tries, Function<T, Failure> property) {
        long seed = seed();
        SplittableRandom random = new SplittableRandom(seed ^ name.hashCode());
        Map<String, String> failures = new LinkedHashMap<>();
        int failed = 0;
        int tried = 0;
        long deadline = System.nanoTime() + Long.getLong("userpools.hostile.budget-seconds", 120) * 1_000_000_000L;
        for (int i = 0; i < tries && (failures.isEmpty() || System.nanoTime() < deadline); i++) {
            tried++;
            T sample = values.sample(random);
            Failure failure = property.apply(sample);
            if (failure == null) {
                continue;
            }
            failed++;
            if (failures.containsKey(failure.kind()) || failures.size() >= MAX_KINDS) {
                continue;
            }
            failures.put(failure.kind(), "sample " + i + ": " + failure.detail());
        }
        if (!failures.isEmpty()) {
            StringBuilder report = new StringBuilder(name + ": " + failed + " of " + tried + " samples failed (seed "
                    + seed + "; rerun with -Duserpools.hostile.seed=" + seed + "), " + failures.size() + " kind(s):");
            failures.forEach((kind, detail) -> report.append("\n  [").append(kind).append("] ").append(detail));
            throw new AssertionError(report.toString());
        }
    }

    /** Draws {@code count} values (for fixtures), reproducibly from the seed. */
    public static <T> List<T> draw(String name, Gen<T> values, int count) {
        SplittableRandom random = new SplittableRandom(seed() ^ name.hashCode());
        List<T> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(values.sample(random));
        }
        return out;
    }
}
