package dev.gradus.simd;

import dev.gradus.Optimizer;
import dev.gradus.StepPool;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.ParamBuffers;
import dev.gradus.rules.PartedPlan;
import dev.gradus.rules.Rule;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.StepPlan;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the optimizer runs a {@link PartedPlan}: each parameter's parts over the ranges its part length cuts,
 * every element once, the finish after them with what the parts kept under their indices, and a parameter's finish before
 * any part of the next, on one thread and on a pool; a part length below 1 refused.
 */
class PartedPlanTest {

    /** Parts add 1 to their elements and keep their start under their index; events are logged as "part x from" and "finish x". */
    private static final class Parted implements Rule {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<List<Long>> finished = Collections.synchronizedList(new ArrayList<>());
        final long partLength;

        Parted(long partLength) {
            this.partLength = partLength;
        }

        @Override
        public String name() {
            return "parted";
        }

        @Override
        public List<String> slotNames() {
            return List.of();
        }

        @Override
        public boolean wholeParameters() {
            return true;
        }

        @Override
        public OptionalDouble defaultLearningRate() {
            return OptionalDouble.of(1.0);
        }

        @Override
        public StepPlan plan(StepContext context) {
            return new PartedPlan() {
                /** Each part's start, kept by the plan under the part's index (as SWATS keeps its sums). */
                private long[] starts = new long[0];

                @Override
                public long partLength(ParamBuffers b) {
                    int parts = PartedPlan.partCount(b.param().byteSize() / Float.BYTES, Math.max(1, partLength));
                    if (starts.length < parts) {
                        starts = new long[parts];
                    }
                    return partLength;
                }

                @Override
                public void part(UpdateKernels k, ParamBuffers b, long from, long to) {
                    events.add("part " + name(b) + " " + from);
                    k.transforms().add(b.param(), from, to, 1f);
                    starts[Math.toIntExact(from / partLength)] = from;
                }

                @Override
                public void finish(ParamBuffers b, int parts) {
                    events.add("finish " + name(b));
                    List<Long> kept = new ArrayList<>();
                    for (int i = 0; i < parts; i++) {
                        kept.add(starts[i]);
                    }
                    finished.add(kept);
                }
            };
        }

        /** The parameter's name, from its length (the test registers lengths 2500 and 700). */
        private static String name(ParamBuffers b) {
            return b.param().byteSize() == 2500 * Float.BYTES ? "a" : "b";
        }
    }

    private static void step(Parted rule, StepPool pool, float[] a, float[] b) {
        var builder = Optimizer.builder(rule).kernels(dev.gradus.kernel.Kernels.selected());
        try (Optimizer opt = (pool == null ? builder.singleThreaded() : builder.pool(pool).parallelThreshold(0)).build()) {
            opt.register("a", a, new float[a.length]);
            opt.register("b", b, new float[b.length]);
            opt.step();
        }
    }

    @Test
    void partsCoverEachParameterAndFinishInOrderBeforeTheNext() {
        try (StepPool pool = StepPool.create(2)) {
            for (StepPool p : new StepPool[] {null, pool}) {
                Parted rule = new Parted(1000);
                float[] a = new float[2500], b = new float[700];
                step(rule, p, a, b);
                String what = p == null ? "one thread" : "two threads";
                for (float[] x : List.of(a, b)) {
                    for (int i = 0; i < x.length; i++) {
                        assertEquals(1f, x[i], what + ": element " + i + " updated once");
                    }
                }
                assertEquals(List.of(List.of(0L, 1000L, 2000L), List.of(0L)), rule.finished, what + ": the starts the parts kept, in index order");
                List<String> e = rule.events;
                assertEquals(6, e.size(), what + ": " + e);
                assertEquals(List.of("finish a", "part b 0", "finish b"), e.subList(3, 6), what + ": " + e);
                assertTrue(e.subList(0, 3).containsAll(List.of("part a 0", "part a 1000", "part a 2000")), what + ": " + e);
            }
        }
    }

    @Test
    void aPartLengthBelowOneIsRefused() {
        Parted rule = new Parted(0);
        float[] a = new float[2500], b = new float[700];
        var e = assertThrows(IllegalStateException.class, () -> step(rule, null, a, b));
        assertTrue(e.getMessage().startsWith("partLength must be >= 1, got 0"), e.getMessage());
        StepPlan plan = rule.plan(new StepContext(1, 1, 1));
        ParamBuffers buffers = new ParamBuffers(MemorySegment.ofArray(a), MemorySegment.ofArray(new float[a.length]), List.of());
        assertThrows(IllegalStateException.class, () -> plan.apply(dev.gradus.kernel.Kernels.selected(), buffers, 0, a.length));
        assertEquals(0f, MemorySegment.ofArray(a).getAtIndex(ValueLayout.JAVA_FLOAT, 0), "nothing written");
    }
}
