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
 * kind, 1–12 consecutive steps (from step 1, or in a quarter of the cases from a step past 20,000)
 * and gradients with special values, the parameter and every slot have the same bits after every
 * step (within the entry's ULP bound), so have the rule's group and per-parameter scalar state
 * (bitwise; each run has its own, and its own plan per step), and nothing
 * outside the window or in the gradient changes. A rule that needs {@linkplain Rule#wholeParameters()
 * whole parameters} is handed views of the window and stepped over all of them. For an entry that
 * {@linkplain CatalogEntry#differsInParamOnly() differs in the parameter only}, each step is compared
 * from the same state instead.
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
        Buffers.Kind kind = Buffers.Kind.values()[r.nextInt(Buffers.Kind.values().length)];
        int steps = 1 + r.nextInt(12);
        int padLeft = r.nextInt(40), padRight = r.nextInt(40);
        int total = padLeft + n + padRight;
        int special = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(20);
        long first = firstStep(seed);
        String where = rule + " lr=" + lr + " n=" + n + " kind=" + kind + " window=[" + padLeft + "," + (padLeft + n)
                + ") of " + total + " seed=" + seed + (first > 1 ? " from step " + first : "");
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
            // A rule whose plan needs whole parameters gets views of the window, stepped over [0, n).
            boolean whole = rule.wholeParameters();
            ParamBuffers pa = buffers(a, rule, whole, padLeft, n), pb = buffers(b, rule, whole, padLeft, n);
            long from = whole ? 0 : padLeft, to = from + n;
            List<float[]> before = snapshot(a);
            double[] scalarsA = rule.initialScalars().clone(), scalarsB = rule.initialScalars().clone();
            boolean perStep = entry.differsInParamOnly();
            for (long t = first; t < first + steps; t++) {
                Buffers.fill(a[1], r, special);                     // a fresh gradient, padding included
                b[1].copyFrom(a[1]);
                float[] grad = a[1].toArray(ValueLayout.JAVA_FLOAT);
                before.set(1, grad);
                float[] paramBefore = Bits.floats(a[0]);
                // One plan per run: a plan may update the scalar state it was given (SWATS's switch).
                StepPlan planA = rule.plan(new StepContext(t, lr, lr, scalarsA));
                StepPlan planB = rule.plan(new StepContext(t, lr, lr, scalarsB));
                planA.apply(reference, pa, from, to);
                planB.apply(candidate, pb, from, to);
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
                String step = where + ", step " + t + " (" + reference.name() + " vs " + candidate.name() + ")";
                assertSameScalars(rule.scalarNames(), scalarsA, scalarsB, step + ", group scalar");
                assertSameScalars(rule.parameterScalarNames(), pa.scalars(), pb.scalars(), step + ", parameter scalar");
                if (perStep) {                                      // the next step starts from the same state
                    for (int i = 0; i < slots + 2; i++) {
                        b[i].copyFrom(a[i]);
                    }
                    System.arraycopy(scalarsA, 0, scalarsB, 0, scalarsA.length);
                    System.arraycopy(pa.scalars(), 0, pb.scalars(), 0, pa.scalars().length);
                }
            }
        }
        return worst;
    }

    /**
     * The step a case starts from: 1, or for one case in four a step from 20,000 to 219,999, where the
     * bias corrections of the usual betas round to 1 in float (β2 = 0.999 from step 16,628), which a
     * kernel may exploit (x / 1 = x). The rule starts from its initial scalar state there all the same.
     */
    static long firstStep(long seed) {
        SplittableRandom r = new SplittableRandom(~seed);
        return r.nextInt(4) == 0 ? 20_000 + r.nextInt(200_000) : 1;
    }

    /**
     * The buffers of one run, with fresh per-parameter scalars; for a rule that needs {@linkplain
     * Rule#wholeParameters() whole parameters}, views of the window {@code [padLeft, padLeft + n)}.
     */
    private static ParamBuffers buffers(MemorySegment[] s, Rule rule, boolean whole, int padLeft, int n) {
        List<MemorySegment> views = new ArrayList<>();
        for (MemorySegment m : s) {
            views.add(whole ? m.asSlice((long) padLeft * Float.BYTES, (long) n * Float.BYTES) : m);
        }
        return new ParamBuffers(views.get(0), views.get(1), views.subList(2, views.size()),
                rule.initialParameterScalars().clone());
    }

    /** Scalar state of the two runs, bitwise ({@code Double.doubleToLongBits}: every NaN is one value). */
    private static void assertSameScalars(List<String> names, double[] expected, double[] actual, String what) {
        if (expected.length != actual.length || expected.length != names.size()) {
            throw new AssertionError(what + "s: " + expected.length + " and " + actual.length + " values for " + names);
        }
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                throw new AssertionError(what + " " + names.get(i) + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }

    private static List<float[]> snapshot(MemorySegment[] s) {
        List<float[]> out = new ArrayList<>();
        for (MemorySegment m : s) {
            out.add(m.toArray(ValueLayout.JAVA_FLOAT));
        }
        return out;
    }
}
