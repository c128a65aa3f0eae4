package dev.gradus.simd;

import dev.gradus.GradientNoise;
import dev.gradus.LoadOptions;
import dev.gradus.Optimizer;
import dev.gradus.rules.Adam;
import dev.gradus.testing.Bits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Gradient noise in checkpoints: its settings are part of the identity, its position is the step counter. */
class CheckpointNoiseTest {

    private static final int N = 97;

    private static Optimizer optimizer(long seed) {
        return Optimizer.builder(Adam.adam()).learningRate(0.01).gradientNoise(new GradientNoise(0.3, 0.55, seed, 0)).build();
    }

    private static void steps(Optimizer opt, float[] g, int from, int to) {
        for (int t = from; t < to; t++) {
            SplittableRandom r = new SplittableRandom(t);
            for (int i = 0; i < N; i++) {
                g[i] = (float) r.nextGaussian();
            }
            opt.step();
        }
    }

    @Test
    void aResumedRunDrawsTheSameNoise() throws java.io.IOException {
        float[] w = new float[N], g = new float[N], w2 = new float[N], g2 = new float[N];
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        try (Optimizer whole = optimizer(5); Optimizer first = optimizer(5); Optimizer resumed = optimizer(5)) {
            whole.register("w", w, g);
            steps(whole, g, 0, 6);
            float[] start = new float[N];
            first.register("w", start, g2);
            steps(first, g2, 0, 3);
            first.save(saved);
            resumed.register("w", w2, g2);
            resumed.load(new ByteArrayInputStream(saved.toByteArray()));
            steps(resumed, g2, 3, 6);
            assertArrayEquals(Bits.of(w), Bits.of(w2));
            assertArrayEquals(Bits.of(whole.slotValues("w", Adam.V)), Bits.of(resumed.slotValues("w", Adam.V)));
        }
    }

    @Test
    void anotherNoiseSeedIsRefusedUnlessOverridden() throws java.io.IOException {
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        try (Optimizer a = optimizer(5)) {
            a.register("w", new float[N], new float[N]);
            a.step();
            a.save(saved);
        }
        float[] w = new float[N];
        try (Optimizer b = optimizer(6)) {
            b.register("w", w, new float[N]);
            var e = assertThrows(IllegalArgumentException.class, () -> b.load(new ByteArrayInputStream(saved.toByteArray())));
            assertEquals("the gradient noise differs: seed is 5 in the checkpoint, 6 here; to keep this optimizer's hyperparameters "
                    + "and load only the state, pass LoadOptions.overrideHyperparameters()", e.getMessage());
            assertEquals(0, b.stepCount());
            b.load(new ByteArrayInputStream(saved.toByteArray()), LoadOptions.overrideHyperparameters());
            assertEquals(1, b.stepCount());
        }
    }
}
