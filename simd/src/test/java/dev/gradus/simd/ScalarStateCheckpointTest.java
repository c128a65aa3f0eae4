package dev.gradus.simd;

import dev.gradus.Optimizer;
import dev.gradus.rules.Rule;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.StepPlan;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Group and per-parameter scalar state (what SWATS keeps: a phase and a projected learning rate per
 * tensor) round-trips and resumes exactly, for a rule outside the catalogue: the format needs no
 * change for such rules.
 */
class ScalarStateCheckpointTest {

    /** A stand-in for SWATS: per parameter a phase and a learning-rate estimate, per group a running sum. */
    record PhasedSgd(long switchAfter) implements Rule {
        @Override
        public String name() {
            return "phased";
        }

        @Override
        public List<String> slotNames() {
            return List.of("acc");
        }

        @Override
        public List<String> scalarNames() {
            return List.of("lrSum");
        }

        @Override
        public double[] initialScalars() {
            return new double[] {0};
        }

        @Override
        public List<String> parameterScalarNames() {
            return List.of("phase", "estimate");
        }

        @Override
        public double[] initialParameterScalars() {
            return new double[] {0, 1};
        }

        @Override
        public OptionalDouble defaultLearningRate() {
            return OptionalDouble.of(0.1);
        }

        @Override
        public StepPlan plan(StepContext c) {
            c.scalars()[0] += c.learningRate();
            double lr = c.learningRate();
            long t = c.step();
            return (k, b, from, to) -> {
                double[] s = b.scalars();
                float step = (float) (lr * s[1]);
                double sum = 0;
                for (long i = from; i < to; i++) {
                    float g = b.grad().getAtIndex(ValueLayout.JAVA_FLOAT, i);
                    sum += (double) g * g;
                    b.slot(0).setAtIndex(ValueLayout.JAVA_FLOAT, i, b.slot(0).getAtIndex(ValueLayout.JAVA_FLOAT, i) + g);
                    b.param().setAtIndex(ValueLayout.JAVA_FLOAT, i, b.param().getAtIndex(ValueLayout.JAVA_FLOAT, i) - step * g);
                }
                s[1] = s[0] == 0 ? 0.9 * s[1] + 0.1 / Math.sqrt(1 + sum) : s[1];
                if (t >= switchAfter) {
                    s[0] = 1;
                }
            };
        }
    }

    private static Optimizer build() {
        return Optimizer.builder(new PhasedSgd(4)).learningRate(e -> 0.1 / (1 + e)).build();
    }

    private static void steps(Optimizer opt, float[] g, int from, int to) {
        for (int c = from; c < to; c++) {
            SplittableRandom r = new SplittableRandom(c);
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) r.nextGaussian();
            }
            opt.step();
        }
    }

    @Test
    void perParameterAndGroupScalarsResumeExactly() throws IOException {
        float[] a = new float[33], ga = new float[33], b = new float[33], gb = new float[33], c = new float[33], gc = new float[33];
        java.util.Arrays.fill(a, 1f);
        java.util.Arrays.fill(b, 1f);
        try (Optimizer whole = build(); Optimizer first = build(); Optimizer resumed = build()) {
            whole.register("w", a, ga);
            first.register("w", b, gb);
            resumed.register("w", c, gc);
            steps(whole, ga, 0, 9);
            steps(first, gb, 0, 3);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            first.save(out);
            resumed.load(new ByteArrayInputStream(out.toByteArray()));
            assertEquals(first.parameterScalars("w"), resumed.parameterScalars("w"));
            assertEquals(first.scalarState(), resumed.scalarState());
            assertNotEquals(1.0, resumed.parameterScalars("w").get("estimate"), "non-trivial state was carried over");
            steps(resumed, gc, 3, 9);
            assertEquals(1.0, resumed.parameterScalars("w").get("phase"), "the phase switched after the load");
            StateSnapshot.of(resumed, Map.of("w", MemorySegment.ofArray(c)), Map.of())
                    .assertSameAs(StateSnapshot.of(whole, Map.of("w", MemorySegment.ofArray(a)), Map.of()), "after resuming");
        }
    }
}
