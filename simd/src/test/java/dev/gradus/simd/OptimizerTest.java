package dev.gradus.simd;

import dev.gradus.Optimizer;
import dev.gradus.Schedule;
import dev.gradus.kernel.Kernels;
import dev.gradus.rules.Adam;
import dev.gradus.rules.Sgd;
import dev.gradus.testing.Bits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facade a training loop uses: registration, validation before any write, state access. */
class OptimizerTest {

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @Test
    void aTrainingLoopReducesAQuadraticLoss() {
        float[] w = random(37, 1), target = random(37, 2), grad = new float[37];
        try (Optimizer opt = Optimizer.builder(Adam.adamW()).learningRate(0.05).build()) {
            opt.register("w", w, grad);
            double first = 0, last = 0;
            for (int step = 0; step < 200; step++) {
                double loss = 0;
                for (int i = 0; i < w.length; i++) {       // loss = ½‖w − target‖², grad = w − target
                    grad[i] = w[i] - target[i];
                    loss += 0.5 * grad[i] * grad[i];
                }
                if (step == 0) first = loss;
                last = loss;
                opt.step();
            }
            assertEquals(200, opt.stepCount());
            assertTrue(last < first / 100, "loss went from " + first + " to " + last);
        }
    }

    @Test
    void arraysHeapSegmentsAndNativeSegmentsGiveTheSameBits() {
        int n = 1031;
        float[] g0 = random(n, 3);
        float[] array = random(n, 4), arrayGrad = new float[n];
        try (Arena arena = Arena.ofConfined();
             Optimizer a = Optimizer.builder(Adam.adam().withAmsgrad(true)).learningRate(0.01).build();
             Optimizer b = Optimizer.builder(Adam.adam().withAmsgrad(true)).learningRate(0.01).build();
             Optimizer c = Optimizer.builder(Adam.adam().withAmsgrad(true)).learningRate(0.01).kernels(Kernels.byName("scalar")).build();
             Optimizer d = Optimizer.builder(Adam.adam().withAmsgrad(true)).learningRate(0.01).build()) {
            MemorySegment nat = arena.allocate(4L * n, 64), natGrad = arena.allocate(4L * n, 64);
            nat.copyFrom(MemorySegment.ofArray(array));
            float[] ref = array.clone(), refGrad = new float[n], heap = array.clone(), heapGrad = new float[n];
            a.register("w", array, arrayGrad);
            b.register("w", nat, natGrad);
            c.register("w", ref, refGrad);
            d.register("w", MemorySegment.ofArray(heap), MemorySegment.ofArray(heapGrad));
            for (int t = 0; t < 9; t++) {
                for (int i = 0; i < n; i++) {
                    arrayGrad[i] = refGrad[i] = heapGrad[i] = g0[i] * (t % 3 - 1) + 0.01f * t;
                }
                natGrad.copyFrom(MemorySegment.ofArray(arrayGrad));
                a.step();
                b.step();
                c.step();
                d.step();
            }
            assertArrayEquals(Bits.of(ref), Bits.of(array), "selected kernels vs scalar reference");
            assertArrayEquals(Bits.of(ref), Bits.of(nat.toArray(ValueLayout.JAVA_FLOAT)), "native segment vs float[]");
            assertArrayEquals(Bits.of(ref), Bits.of(heap), "heap segment vs float[]");
            for (String slot : a.slotNames()) {
                assertArrayEquals(Bits.of(c.slotValues("w", slot)), Bits.of(a.slotValues("w", slot)), slot);
                assertArrayEquals(Bits.of(c.slotValues("w", slot)), Bits.of(b.slotValues("w", slot)), slot);
                assertArrayEquals(Bits.of(c.slotValues("w", slot)), Bits.of(d.slotValues("w", slot)), slot);
            }
            assertFalse(a.slot("w", Adam.M).isNative(), "float[] parameters keep their state on the heap");
            assertTrue(b.slot("w", Adam.M).isNative(), "native segment parameters keep their state off-heap");
            assertEquals(0, b.slot("w", Adam.V).address() % 64, "off-heap state is 64-byte aligned");
            assertFalse(d.slot("w", Adam.M).isNative(), "heap segment parameters keep their state on the heap");
            Thread other = new Thread(() -> { });
            assertFalse(b.slot("w", Adam.M).isAccessibleBy(other), "a confined parameter's state is confined to its thread");
        }
    }

    private static void rejected(Class<? extends Throwable> type, String message, Executable call) {
        Throwable e = assertThrows(type, call);
        assertEquals(message, e.getMessage());
    }

    @Test
    void badRegistrationsAreRejectedAndNothingIsRegistered() {
        float[] w = new float[8], g = new float[8];
        try (Arena arena = Arena.ofConfined(); Optimizer opt = Optimizer.builder(Adam.adam()).build()) {
            opt.register("w", w, g);
            rejected(IllegalArgumentException.class, "gradient of parameter 'x' has 7 elements, expected 8 (the parameter's length)",
                    () -> opt.register("x", new float[8], new float[7]));
            rejected(IllegalArgumentException.class, "parameter 'w' is already registered",
                    () -> opt.register("w", new float[8], new float[8]));
            float[] same = new float[4];
            rejected(IllegalArgumentException.class, "gradient of parameter 'x' overlaps the parameter itself",
                    () -> opt.register("x", same, same));
            MemorySegment whole = MemorySegment.ofArray(new float[16]);
            rejected(IllegalArgumentException.class, "gradient of parameter 'x' overlaps the parameter itself",
                    () -> opt.register("x", whole.asSlice(0, 40), whole.asSlice(24, 40)));
            rejected(IllegalArgumentException.class, "parameter 'x' overlaps the memory of registered parameter 'w' or its gradient",
                    () -> opt.register("x", MemorySegment.ofArray(w).asSlice(16, 8), MemorySegment.ofArray(new float[2])));
            rejected(IllegalArgumentException.class, "gradient of parameter 'x' overlaps registered parameter 'w', which the optimizer writes",
                    () -> opt.register("x", new float[8], w));
            rejected(IllegalArgumentException.class, "parameter 'x' is a read-only segment; the optimizer writes to it",
                    () -> opt.register("x", MemorySegment.ofArray(new float[3]).asReadOnly(), MemorySegment.ofArray(new float[3])));
            rejected(IllegalArgumentException.class, "parameter 'x' has 10 bytes, expected a multiple of 4 (float32 elements)",
                    () -> opt.register("x", arena.allocate(10, 8), arena.allocate(12, 8)));
            rejected(IllegalArgumentException.class, "parameter 'x' is aligned to 1 byte(s), expected at least 4 (float32 elements)",
                    () -> opt.register("x", MemorySegment.ofArray(new byte[8]), MemorySegment.ofArray(new float[2])));
            rejected(IllegalArgumentException.class, "parameter name must be non-blank, got ' '",
                    () -> opt.register(" ", new float[1], new float[1]));
            rejected(IllegalArgumentException.class, "value of parameter 'x' must not be null",
                    () -> opt.register("x", (float[]) null, new float[1]));
            Arena closed = Arena.ofConfined();
            MemorySegment dead = closed.allocate(16, 64);
            closed.close();
            rejected(IllegalArgumentException.class, "gradient of parameter 'x' belongs to a closed arena",
                    () -> opt.register("x", MemorySegment.ofArray(new float[4]), dead));
            assertEquals(List.of("w"), opt.parameterNames());
            opt.step();
            rejected(IllegalStateException.class,
                    "parameter 'late' must be registered before the first step(); 1 step(s) were taken (all parameters share one step counter)",
                    () -> opt.register("late", new float[1], new float[1]));
        }
    }

    @Test
    void theBuilderChecksTheLearningRate() {
        rejected(IllegalArgumentException.class, "learningRate must be set for sgd: the rule has no default learning rate",
                () -> Optimizer.builder(new Sgd()).build());
        rejected(IllegalArgumentException.class, "learningRate must be finite and >= 0, got NaN",
                () -> Optimizer.builder(new Sgd()).learningRate(Double.NaN));
        rejected(IllegalArgumentException.class, "learningRate must be finite and >= 0, got -0.1",
                () -> Optimizer.builder(new Sgd()).learningRate(-0.1));
        rejected(IllegalArgumentException.class, "rule must not be null", () -> Optimizer.builder(null));
        try (Optimizer opt = Optimizer.builder(Adam.adam()).build()) {
            assertEquals(Adam.DEFAULT_LR, opt.learningRate());
        }
    }

    /** A snapshot of everything a step may write. */
    private static List<int[]> state(Optimizer opt, float[]... params) {
        var out = new java.util.ArrayList<int[]>();
        for (float[] p : params) {
            out.add(Bits.of(p));
        }
        for (String name : opt.parameterNames()) {
            for (String slot : opt.slotNames()) {
                out.add(Bits.of(opt.slotValues(name, slot)));
            }
        }
        out.add(new int[] {(int) opt.stepCount()});
        return out;
    }

    private static void assertSame(List<int[]> expected, List<int[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "entry " + i);
        }
    }

    @Test
    void aStepWithABadScheduledLearningRateWritesNothing() {
        Schedule lr = step -> step < 2 ? 0.01 : step == 2 ? Double.NaN : -1;
        float[] w = random(50, 5), g = random(50, 6), u = random(20, 7), gu = random(20, 8);
        try (Optimizer opt = Optimizer.builder(new Sgd().withMomentum(0.9)).learningRate(lr).build()) {
            opt.register("w", w, g).register("u", u, gu);
            opt.step();
            opt.step();
            var before = state(opt, w, u);
            rejected(IllegalStateException.class, "learning rate of group 'default' for step 3 from its schedule must be finite and >= 0, got NaN", opt::step);
            assertSame(before, state(opt, w, u));
        }
    }

    @Test
    void aStepWithAClosedGradientArenaWritesNothing() {
        float[] w = random(50, 9), g = random(50, 10);
        Arena gradArena = Arena.ofConfined();
        MemorySegment v = gradArena.allocate(4 * 30, 64), gv = gradArena.allocate(4 * 30, 64);
        try (Optimizer opt = Optimizer.builder(Adam.adam()).learningRate(0.1).build()) {
            opt.register("w", w, g).register("v", v, gv);
            opt.step();
            gradArena.close();
            var before = state(opt, w);
            rejected(IllegalStateException.class, "parameter 'v' belongs to an arena that was closed", opt::step);
            assertSame(before, state(opt, w));
        }
    }

    @Test
    void aClosedOptimizerRefusesToStepAndItsSlotsAreReadOnly() {
        float[] w = new float[4], g = new float[4];
        Optimizer opt = Optimizer.builder(new Sgd().withMomentum(0.5)).learningRate(0.1).build();
        opt.register("w", w, g);
        opt.step();
        MemorySegment view = opt.slot("w", Sgd.MOMENTUM_SLOT);
        assertTrue(view.isReadOnly());
        assertThrows(IllegalArgumentException.class, () -> view.setAtIndex(ValueLayout.JAVA_FLOAT, 0, 1f));
        rejected(IllegalArgumentException.class, "no parameter named 'q'; registered: [w]", () -> opt.slot("q", "momentum"));
        rejected(IllegalArgumentException.class, "rule sgd has no slot 'm'; its slots: [momentum]", () -> opt.slot("w", "m"));
        opt.close();
        rejected(IllegalStateException.class, "the optimizer is closed", opt::step);
        rejected(IllegalStateException.class, "the optimizer is closed", () -> opt.slot("w", "momentum"));
    }
}
