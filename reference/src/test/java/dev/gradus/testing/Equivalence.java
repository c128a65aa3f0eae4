package dev.gradus.testing;

import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.ParamBuffers;
import dev.gradus.rules.Rule;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.StepPlan;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.quicktheories.QuickTheory.qt;

/**
 * The property that two kernel sets agree: for random valid hyperparameters, sizes 0..300 and
 * some large odd ones, a random {@code [from, to)} window inside padded buffers of every memory
 * kind, 1–12 consecutive steps and gradients with special values, the parameter and every slot
 * have the same bits after every step (within the entry's ULP bound), and nothing outside the
 * window or in the gradient changes. For an entry that {@linkplain CatalogEntry#differsInParamOnly()
 * differs in the parameter only}, each step is compared from the same state instead.
 */
public final class Equivalence {

    private Equivalence() {
    }

    /** Sizes: mostly 0..300, sometimes large and odd. */
    public static Gen<Integer> sizes() {
        return Generate.range(0, 300).mix(Generate.pick(List.of(1021, 4099, 65537)), 10);
    }

    /** Checks {@code examples} random cases of {@code entry}; returns the largest ULP difference seen. */
    public static long check(CatalogEntry entry, UpdateKernels reference, UpdateKernels candidate, int examples) {
        long[] worst = {0};
        qt().withExamples(examples).withShrinkCycles(200)
                .forAll(entry.rules(), entry.learningRates(), sizes(), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE))
                .checkAssert((rule, lr, n, seed) -> worst[0] = Math.max(worst[0],
                        runCase(entry, rule, lr, n, seed, reference, candidate)));
        return worst[0];
    }

    /** One case; everything but the rule, lr and size derives from {@code seed}. */
    public static long runCase(CatalogEntry entry, Rule rule, double lr, int n, long seed,
                               UpdateKernels reference, UpdateKernels candidate) {
        SplittableRandom r = new SplittableRandom(seed);
        Buffers.Kind kind = Buffers.Kind.values()[r.nextInt(3)];
        int steps = 1 + r.nextInt(12);
        int padLeft = r.nextInt(40), padRight = r.nextInt(40);
        int total = padLeft + n + padRight;
        int special = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(20);
        String where = rule + " lr=" + lr + " n=" + n + " kind=" + kind + " window=[" + padLeft + "," + (padLeft + n)
                + ") of " + total + " seed=" + seed;
        long worst = 0;
        try (Arena arena = Arena.ofConfined()) {
            int slots = rule.slotNames().size();
            MemorySegment[] a = new MemorySegment[slots + 2], b = new MemorySegment[slots + 2];
            for (int i = 0; i < slots + 2; i++) {
                a[i] = Buffers.allocate(kind, total, arena, r);
                b[i] = Buffers.allocate(kind, total, arena, r);
            }
            Buffers.fill(a[0], r, special);                         // parameter
            for (int i = 0; i < slots; i++) {                       // slots: their initial value, random padding
                float init = rule.initialSlotValue(rule.slotNames().get(i));
                Buffers.fill(a[i + 2], r, 5);
                for (long j = padLeft; j < padLeft + n; j++) {
                    a[i + 2].setAtIndex(ValueLayout.JAVA_FLOAT, j, init);
                }
            }
            for (int i = 0; i < slots; i++) {                       // slots that start as the parameter
                if (rule.slotCopiesParameter(rule.slotNames().get(i))) {
                    MemorySegment.copy(a[0], (long) padLeft * Float.BYTES, a[i + 2], (long) padLeft * Float.BYTES, (long) n * Float.BYTES);
                }
            }
            for (int i = 0; i < slots + 2; i++) {
                b[i].copyFrom(a[i]);
            }
            ParamBuffers pa = buffers(a), pb = buffers(b);
            List<float[]> before = snapshot(a);
            double[] scalars = rule.initialScalars().clone();
            boolean perStep = entry.differsInParamOnly();
            for (int t = 1; t <= steps; t++) {
                Buffers.fill(a[1], r, special);                     // a fresh gradient, padding included
                b[1].copyFrom(a[1]);
                float[] grad = a[1].toArray(ValueLayout.JAVA_FLOAT);
                before.set(1, grad);
                float[] paramBefore = Bits.floats(a[0]);
                StepPlan plan = rule.plan(new StepContext(t, lr, lr, scalars));
                plan.apply(reference, pa, padLeft, padLeft + n);
                plan.apply(candidate, pb, padLeft, padLeft + n);
                for (int i = 0; i < slots + 2; i++) {
                    String name = i == 0 ? "param" : i == 1 ? "grad" : "slot " + rule.slotNames().get(i - 2);
                    String what = where + ", step " + t + ", " + name + " (" + reference.name() + " vs " + candidate.name() + ")";
                    worst = Math.max(worst, perStep && i == 0
                            ? Bits.assertCloseOfScale(Bits.floats(a[i]), Bits.floats(b[i]), paramBefore, entry.vectorUlps(), what)
                            : Bits.assertClose(Bits.floats(a[i]), Bits.floats(b[i]), perStep ? 0 : entry.vectorUlps(), what));
                    float[] now = Bits.floats(a[i]);
                    for (int j = 0; j < total; j++) {
                        boolean inside = j >= padLeft && j < padLeft + n;
                        if ((!inside || i == 1) && Float.floatToRawIntBits(now[j]) != Float.floatToRawIntBits(before.get(i)[j])) {
                            throw new AssertionError(where + ", step " + t + ": " + name + " element " + j
                                    + (i == 1 ? " (the gradient is read-only)" : " outside the window") + " changed");
                        }
                    }
                }
                if (perStep) {                                      // the next step starts from the same state
                    for (int i = 0; i < slots + 2; i++) {
                        b[i].copyFrom(a[i]);
                    }
                }
            }
        }
        return worst;
    }

    private static ParamBuffers buffers(MemorySegment[] s) {
        List<MemorySegment> slots = new ArrayList<>();
        for (int i = 2; i < s.length; i++) {
            slots.add(s[i]);
        }
        return new ParamBuffers(s[0], s[1], slots);
    }

    private static List<float[]> snapshot(MemorySegment[] s) {
        List<float[]> out = new ArrayList<>();
        for (MemorySegment m : s) {
            out.add(m.toArray(ValueLayout.JAVA_FLOAT));
        }
        return out;
    }
}
