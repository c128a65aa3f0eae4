package dev.gradus.testing;

import dev.gradus.rules.Rule;
import org.quicktheories.core.Gen;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One rule family in the test catalogue. Everything generic (golden files, SIMD ≡ scalar
 * properties, validation) is driven from these entries, so adding a rule means adding an entry.
 */
public interface CatalogEntry {

    /** Family name, e.g. {@code adam}. */
    String family();

    /** Rule names in golden file names that this entry reads (e.g. {@code adam}, {@code adamw}). */
    List<String> goldenRules();

    /** The rule a golden file describes, from its {@code hp.*} headers. */
    Rule fromGolden(GoldenFile file);

    /** Golden state vector name (torch's) → slot name (ours). */
    Map<String, String> goldenSlots();

    /** Golden scalar state name → our scalar state name; {@code step} is checked by the runner. */
    default Map<String, String> goldenScalars() {
        return Map.of();
    }

    /** The learning rate a golden file runs with. */
    default double learningRate(GoldenFile file) {
        return file.hp("lr");
    }

    /**
     * Our value of a golden scalar state entry after {@code steps} steps: {@code step} is the step
     * count, the rest map through {@link #goldenScalars()}.
     */
    default double goldenScalar(String name, Rule rule, long steps, Map<String, Double> scalarState) {
        if (name.equals("step")) {
            return steps;
        }
        String ours = goldenScalars().get(name);
        if (ours == null) {
            throw new AssertionError("golden scalar '" + name + "' is not mapped in the " + family() + " entry");
        }
        return scalarState.get(ours);
    }

    /**
     * Our value of the golden scalar state entry {@code name} of {@code file} after {@code steps} steps,
     * given the group's scalar state and the parameter's ({@link dev.gradus.Optimizer#parameterScalars}).
     * By default the group's, through {@link #goldenScalar(String, Rule, long, Map)}; an entry whose golden
     * scalars include per-parameter state (SWATS's {@code exp_avg2}) overrides this.
     */
    default double goldenScalar(GoldenFile file, String name, Rule rule, long steps, Map<String, Double> scalarState,
                                Map<String, Double> parameterScalars) {
        return goldenScalar(name, rule, steps, scalarState);
    }

    /**
     * Our slots whose state vector the source creates only when it first uses it (SWATS's momentum
     * buffer, at the first SGD-phase step), so a golden file may lack it; the slot must then still hold
     * its initial value everywhere. Empty by default: every slot has its golden vector.
     */
    default Set<String> lazySlots() {
        return Set.of();
    }

    /** Valid random hyperparameters, every flag and option included. */
    Gen<Rule> rules();

    /** Valid random learning rates for the properties. */
    default Gen<Double> learningRates() {
        return org.quicktheories.generators.Generate.pick(List.of(0.0, 1e-4, 1e-3, 0.01, 0.1, 1.0, 3.0));
    }

    /** Invalid hyperparameters and the exact message each must be rejected with. */
    List<Invalid> invalid();

    /** Largest ULP difference allowed between the vector and scalar kernels (0: bitwise). */
    default int vectorUlps() {
        return 0;
    }

    /** Largest ULP difference allowed against the golden files (0: bitwise). */
    default int goldenUlps() {
        return 0;
    }

    /** Largest ULP difference allowed against one golden file; by default {@link #goldenUlps()}. */
    default int goldenUlps(GoldenFile file) {
        return goldenUlps();
    }

    /**
     * True for a rule whose implementations may differ by design in the parameter only, through
     * one element function that is not bit-reproducible (an {@code exp}, spec §0.6). The SIMD ≡
     * scalar property and the golden replay then compare one step at a time from the same state
     * (the vector run restarts from the scalar run's state, the golden replay from the file's
     * parameters before the step): every slot bitwise, the parameter within {@link #vectorUlps()}
     * or {@link #goldenUlps()} units in the last place of the largest of |θ before the step|,
     * |θ expected| and |θ actual| ({@link Bits#ulpsOfScale}). A plain ULP distance of θ is not a
     * sound measure there: where θ + u cancels, a tiny difference in u is any number of ulps of
     * the result, and over several steps the weight decay carries it into the slots. False (the
     * default): whole runs are compared, every buffer within the ULP bound.
     */
    default boolean differsInParamOnly() {
        return false;
    }

    /** One invalid construction. */
    record Invalid(String what, Supplier<Rule> build, String message) {
        @Override
        public String toString() {
            return what;
        }
    }
}
