package io.userpools.support;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.engine.execution.lifecycle.CurrentTestDescriptor;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * Runs a property over samples of a jqwik {@link Arbitrary} inside an ordinary JUnit test, where
 * jqwik's own engine cannot go (a {@code @QuarkusTest} is a Jupiter extension; jqwik's
 * {@code @Property} methods run on another engine, outside the started application).
 *
 * <p>The samples come from jqwik's public generator API with a {@link Random} made from a fixed
 * seed, so a run is reproducible: {@code -Duserpools.hostile.seed=N} changes it and
 * {@code -Duserpools.hostile.tries-factor=F} multiplies the number of samples of every property. A failing sample is
 * shrunk greedily with jqwik's shrinking (within a time budget); the run goes on so that different
 * failures (by {@code kind}) are all reported, each with the seed that finds it again, until the
 * property has failed and spent {@code userpools.hostile.budget-seconds} (120): a defect that makes
 * every answer slow must not make the run endless.
 */
public final class Sampler {

    /** The seed of every property unless {@code userpools.hostile.seed} says otherwise. */
    public static final long DEFAULT_SEED = 20_261_122L;
    /** The same seed for jqwik's own {@code @Property(seed = ...)} (an annotation takes a constant text). */
    public static final String DEFAULT_SEED_TEXT = "20261122";

    private static final int GEN_SIZE = 1000;
    private static final int MAX_KINDS = 12;
    private static final long SHRINK_BUDGET_NANOS = 45_000_000_000L;

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
     * with its first sample, the shrunk sample, and the seed.
     */
    public static <T> void check(String name, Arbitrary<T> values, int tries, Function<T, Failure> property) {
        inJqwik(() -> {
            checkSamples(name, values, tries, property);
            return null;
        });
    }

    private static <T> void checkSamples(String name, Arbitrary<T> values, int tries, Function<T, Failure> property) {
        long seed = seed();
        Random random = new Random(seed ^ name.hashCode());
        RandomGenerator<T> generator = values.generator(GEN_SIZE, true);
        Map<String, String> failures = new LinkedHashMap<>();
        int failed = 0;
        int tried = 0;
        long deadline = System.nanoTime() + Long.getLong("userpools.hostile.budget-seconds", 120) * 1_000_000_000L;
        for (int i = 0; i < tries && (failures.isEmpty() || System.nanoTime() < deadline); i++) {
            tried++;
            Shrinkable<T> sample = generator.next(random);
            Failure failure = property.apply(sample.value());
            if (failure == null) {
                continue;
            }
            failed++;
            if (failures.containsKey(failure.kind()) || failures.size() >= MAX_KINDS) {
                continue;
            }
            Shrunk<T> shrunk = shrink(sample, failure, property);
            failures.put(failure.kind(), "sample " + i + ": " + failure.detail()
                    + (shrunk.steps() == 0 ? "" : "\n    shrunk (" + shrunk.steps() + " steps): " + shrunk.failure().detail()));
        }
        if (!failures.isEmpty()) {
            StringBuilder report = new StringBuilder(name + ": " + failed + " of " + tried + " samples failed (seed "
                    + seed + "; rerun with -Duserpools.hostile.seed=" + seed + "), " + failures.size() + " kind(s):");
            failures.forEach((kind, detail) -> report.append("\n  [").append(kind).append("] ").append(detail));
            throw new AssertionError(report.toString());
        }
    }

    private record Shrunk<T>(Failure failure, int steps) {
    }

    /** Greedy: take the first smaller sample that fails the same way, until none does or time is up. */
    private static <T> Shrunk<T> shrink(Shrinkable<T> sample, Failure failure, Function<T, Failure> property) {
        long deadline = System.nanoTime() + SHRINK_BUDGET_NANOS;
        Shrinkable<T> current = sample;
        Failure currentFailure = failure;
        int steps = 0;
        boolean smaller = true;
        while (smaller && System.nanoTime() < deadline) {
            smaller = false;
            Iterator<Shrinkable<T>> candidates = current.shrink().limit(40).iterator();
            while (candidates.hasNext() && System.nanoTime() < deadline) {
                Shrinkable<T> candidate = candidates.next();
                Failure again = property.apply(candidate.value());
                if (again != null && again.kind().equals(failure.kind())) {
                    current = candidate;
                    currentFailure = again;
                    steps++;
                    smaller = true;
                    break;
                }
            }
        }
        return new Shrunk<>(currentFailure, steps);
    }

    /** Draws {@code count} values (for fixtures), reproducibly from the seed. */
    public static <T> List<T> draw(String name, Arbitrary<T> values, int count) {
        return inJqwik(() -> drawSamples(name, values, count));
    }

    private static <T> List<T> drawSamples(String name, Arbitrary<T> values, int count) {
        Random random = new Random(seed() ^ name.hashCode());
        RandomGenerator<T> generator = values.generator(GEN_SIZE, true);
        List<T> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(generator.next(random).value());
        }
        return out;
    }

    /**
     * Runs {@code action} as jqwik's own {@code Arbitrary.sampleStream()} does outside a property:
     * under a test descriptor of its own, which jqwik's generators need for their memo store. This
     * uses one class of jqwik's engine (CurrentTestDescriptor), pinned with jqwik's version.
     */
    private static <T> T inJqwik(Supplier<T> action) {
        return CurrentTestDescriptor.runWithDescriptor(SAMPLING, action);
    }

    private static final TestDescriptor SAMPLING = new AbstractTestDescriptor(
            UniqueId.root("userpools", "hostile-samples"), "hostile samples") {
        @Override
        public Type getType() {
            return Type.CONTAINER;
        }
    };
}
