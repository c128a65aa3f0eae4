package dev.gradus.simd;

import dev.gradus.GradientNoise;
import dev.gradus.Optimizer;
import dev.gradus.kernel.Kernels;
import dev.gradus.rules.Sgd;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Annealed gradient noise: its distribution, its schedule, and that a run is reproducible. */
class GradientNoiseTest {

    private static final int N = 200_000;

    /** The noise one step adds to a zero gradient of N elements, after {@code before} noise-free steps. */
    private static float[] noiseAt(GradientNoise noise, int before, String kernels) {
        float[] w = new float[N], g = new float[N];
        try (Optimizer opt = Optimizer.builder(new Sgd()).learningRate(0.0).gradientNoise(noise).kernels(Kernels.byName(kernels)).build()) {
            opt.register("w", w, g);
            for (int t = 0; t < before; t++) {
                Arrays.fill(g, 0f);
                opt.step();
            }
            Arrays.fill(g, 0f);
            opt.step();
        }
        return g;
    }

    private static double phi(double x) {                    // standard normal CDF (Zelen & Severo, |error| < 7.5e-8)
        double t = 1 / (1 + 0.2316419 * Math.abs(x));
        double d = 0.3989422804014327 * Math.exp(-x * x / 2);
        double p = d * t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return x >= 0 ? 1 - p : p;
    }

    @Test
    void theNoiseIsNormalWithTheScheduledVariance() {
        GradientNoise noise = new GradientNoise(0.3, 0.55, 42, 0);
        for (int before : new int[] {0, 99}) {
            float[] z = noiseAt(noise, before, "scalar");
            double sigma = Math.sqrt(0.3 / Math.pow(1 + before, 0.55));
            assertEquals(sigma, noise.sigma(before), 1e-15);
            double mean = 0, sq = 0;
            for (float v : z) {
                mean += v;
                sq += (double) v * v;
            }
            mean /= N;
            double var = sq / N - mean * mean;
            assertTrue(Math.abs(mean) < 5 * sigma / Math.sqrt(N), "mean " + mean);
            assertEquals(sigma * sigma, var, 0.02 * sigma * sigma, "variance after " + before + " steps");
            double[] sorted = new double[N];
            for (int i = 0; i < N; i++) {
                sorted[i] = z[i] / sigma;
            }
            Arrays.sort(sorted);
            double d = 0;
            for (int i = 0; i < N; i++) {
                double f = phi(sorted[i]);
                d = Math.max(d, Math.max(f - (double) i / N, (double) (i + 1) / N - f));
            }
            assertTrue(d < 1.95 / Math.sqrt(N), "Kolmogorov–Smirnov distance " + d + " (critical value at α = 0.001: " + 1.95 / Math.sqrt(N) + ")");
        }
    }

    @Test
    void aRunIsReproducibleAndIndependentOfTheKernels() {
        GradientNoise noise = GradientNoise.withSeed(7);
        float[] a = noiseAt(noise, 3, "scalar");
        assertArrayEquals(a, noiseAt(noise, 3, "scalar"));
        if (Kernels.unavailableReason("vector").isEmpty()) {
            assertArrayEquals(a, noiseAt(noise, 3, "vector"));
        }
        assertFalse(Arrays.equals(a, noiseAt(GradientNoise.withSeed(8), 3, "scalar")), "another seed, other noise");
        assertFalse(Arrays.equals(a, noiseAt(noise, 4, "scalar")), "another step, other noise");
    }

    @Test
    void eachParameterGetsItsOwnStream() {
        float[] w1 = new float[64], g1 = new float[64], w2 = new float[64], g2 = new float[64];
        try (Optimizer opt = Optimizer.builder(new Sgd()).learningRate(0.0).gradientNoise(GradientNoise.withSeed(1)).build()) {
            opt.register("a", w1, g1).register("b", w2, g2);
            opt.step();
        }
        assertFalse(Arrays.equals(g1, g2));
    }

    @Test
    void zeroEtaAddsNothingAndTheBaseShiftsTheSchedule() {
        float[] z = noiseAt(new GradientNoise(0, 0.55, 1, 0), 0, "scalar");
        for (float v : z) {
            assertEquals(0f, v);
        }
        assertEquals(new GradientNoise(1, 0.55, 1, 1).sigma(0), new GradientNoise(1, 0.55, 1, 0).sigma(1));
    }

    @Test
    void badSettingsAreRejected() {
        assertEquals("eta must be finite and >= 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> new GradientNoise(-0.1, 0.55, 1, 0)).getMessage());
        assertEquals("gamma must be finite and >= 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new GradientNoise(0.1, Double.NaN, 1, 0)).getMessage());
        assertEquals("tBase must be 0 or 1, got 2",
                assertThrows(IllegalArgumentException.class, () -> new GradientNoise(0.1, 0.55, 1, 2)).getMessage());
        try (Optimizer opt = Optimizer.builder(new Sgd()).learningRate(0.1).gradientNoise(GradientNoise.withSeed(1)).build()) {
            var ro = java.lang.foreign.MemorySegment.ofArray(new float[2]).asReadOnly();
            assertEquals("gradient of parameter 'w' is a read-only segment; gradient noise writes to it",
                    assertThrows(IllegalArgumentException.class,
                            () -> opt.register("w", java.lang.foreign.MemorySegment.ofArray(new float[2]), ro)).getMessage());
        }
    }
}
