package dev.gradus.simd;

import dev.gradus.Optimizer;
import dev.gradus.kernel.Kernels;
import dev.gradus.rules.Adam;
import dev.gradus.rules.ParamBuffers;
import dev.gradus.rules.StepContext;
import dev.gradus.schedule.OneCycle;
import dev.gradus.testing.GoldenFile;
import dev.gradus.testing.GoldenFiles;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One-cycle drives the learning rate and Adam's β1 (inversely) through the optimizer, as torch's
 * OneCycleLR does: step k uses the schedule values torch records at index k − 1 of the golden file,
 * and the parameters equal a hand-driven Adam with those values, bit for bit.
 */
class ScheduledHyperparameterTest {

    @Test
    void oneCycleCyclesLearningRateAndBeta1InTheOptimizer() {
        GoldenFile f = GoldenFile.read(GoldenFiles.directory().resolve("onecyclelr-cos_3phase_adam-float64.txt"));
        OneCycle cycle = new OneCycle(0.01, 150).withThreePhase(true);
        int n = 40, steps = 150;
        SplittableRandom r = new SplittableRandom(3);
        float[] w = new float[n], g = new float[n], ref = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = ref[i] = (float) r.nextGaussian();
        }
        MemorySegment m = MemorySegment.ofArray(new float[n]), v = MemorySegment.ofArray(new float[n]);
        try (Optimizer opt = Optimizer.builder(Adam.adam()).learningRate(cycle.learningRate())
                .hyperparameter(cycle.beta1(), (a, b1) -> a.withBetas(b1, a.beta2())).build()) {
            opt.register("w", w, g);
            for (int t = 1; t <= steps; t++) {
                for (int i = 0; i < n; i++) {
                    g[i] = (float) r.nextGaussian();
                }
                double lr = cycle.learningRate().valueAt(t - 1), b1 = cycle.beta1().valueAt(t - 1);
                // torch's series, to the one ulp by which glibc's cos differs at lr[131] (see GlibcCosDeviations)
                assertEquals(f.doubles("lr", Integer.toString(t - 1))[0], lr, Math.ulp(lr), "lr of step " + t);
                assertEquals(f.doubles("betas", Integer.toString(t - 1))[0], b1, 0.0, "beta1 of step " + t);
                assertEquals(lr, opt.learningRate(), "lr of step " + t);
                assertEquals(lr, opt.step().learningRates().get("default"));
                Adam.adam().withBetas(b1, 0.999).plan(new StepContext(t, lr, f.doubles("lr", "0")[0]))
                        .apply(Kernels.selected(), new ParamBuffers(MemorySegment.ofArray(ref), MemorySegment.ofArray(g), List.of(m, v)), 0, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToIntBits(ref[i]), Float.floatToIntBits(w[i]), "step " + t + ", element " + i);
                }
            }
        }
    }
}
