package dev.gradus;

import dev.gradus.rules.Check;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Annealed Gaussian gradient noise (Neelakantan et al. 2015; spec R19): before the rule runs,
 * {@code g ← g + ⟨σ_t·z⟩} with {@code z ~ N(0, 1)} independently per element and variance
 * {@code σ_t² = η / (1 + t)^γ}, where {@code t} counts completed steps ({@code tBase = 0}: the
 * first update has {@code σ² = η}) or steps including the current one ({@code tBase = 1}).
 * Applied after clipping, before the rule (and before Ranger's centralisation); it writes the
 * noisy values into the gradient buffers, so they must be writable.
 *
 * <p>The noise is a pure function of (seed, parameter index in registration order, step number,
 * element index): a SplitMix64 hash of that key gives two uniforms, and Box–Muller in
 * {@link StrictMath} turns them into {@code z}. So a run is reproducible on any machine,
 * whatever the vector width or the number of threads, and bit compatibility with torch is not
 * attempted (it is impossible: torch's generator is sequential).
 *
 * @param eta   η, default {@value #DEFAULT_ETA}; finite and {@code >= 0} (0 disables the noise)
 * @param gamma γ, default {@value #DEFAULT_GAMMA}; finite and {@code >= 0}
 * @param seed  any value; required
 * @param tBase 0 (default) or 1, see above
 */
public record GradientNoise(double eta, double gamma, long seed, int tBase) {

    /** One of the values the paper reports using (0.01, 0.3, 1.0; not verified from the paper text). */
    public static final double DEFAULT_ETA = 0.01;
    /** The paper's annealing exponent (not verified from the paper text). */
    public static final double DEFAULT_GAMMA = 0.55;

    public GradientNoise {
        Check.nonNegative("eta", eta);
        Check.nonNegative("gamma", gamma);
        if (tBase != 0 && tBase != 1) {
            throw new IllegalArgumentException("tBase must be 0 or 1, got " + tBase);
        }
    }

    /** Noise with the default η and γ. */
    public static GradientNoise withSeed(long seed) {
        return new GradientNoise(DEFAULT_ETA, DEFAULT_GAMMA, seed, 0);
    }

    /** σ_t for the step after {@code completedSteps} steps, in double: {@code sqrt(η / (1 + t)^γ)}. */
    public double sigma(long completedSteps) {
        double t = completedSteps + tBase;
        return Math.sqrt(eta / Math.pow(1.0 + t, gamma));
    }

    /** Adds this step's noise to {@code grad[0, n)} of the parameter with registration index {@code param}. */
    void apply(MemorySegment grad, long n, int param, long completedSteps) {
        double sigma = sigma(completedSteps);
        if (sigma == 0) {
            return;
        }
        long key = mix(seed + GOLDEN * mix(param + GOLDEN * mix(completedSteps + 1)));
        for (long i = 0; i < n; i++) {
            // g ← g + ⟨σ·z⟩
            float noise = (float) (sigma * normal(key, i));
            grad.setAtIndex(ValueLayout.JAVA_FLOAT, i, grad.getAtIndex(ValueLayout.JAVA_FLOAT, i) + noise);
        }
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** The standard normal of element {@code i} under {@code key}: Box–Muller on two hashed uniforms. */
    static double normal(long key, long i) {
        long x = mix(key + GOLDEN * (2 * i + 1)), y = mix(key + GOLDEN * (2 * i + 2));
        double u1 = ((x >>> 11) + 1) * 0x1.0p-53;          // (0, 1]: the log stays finite
        double u2 = (y >>> 11) * 0x1.0p-53;                // [0, 1)
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
