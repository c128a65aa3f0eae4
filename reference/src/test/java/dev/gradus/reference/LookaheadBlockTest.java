package dev.gradus.reference;

import dev.gradus.kernel.LookaheadCoefficients;
import dev.gradus.rules.Adam;
import dev.gradus.rules.Lookahead;
import dev.gradus.rules.ParamBuffers;
import dev.gradus.rules.PartedPlan;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.StepPlan;
import dev.gradus.rules.Swats;
import dev.gradus.rules.SwatsSums;
import dev.gradus.testing.Bits;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Lookahead sync step runs the inner step and the sync block by block (or, around SWATS, part by
 * part); over a range of several blocks it must give the bits of the two whole passes it replaces (the
 * inner step over the range, then the copy for a first-step capture, then the sync over the range).
 */
class LookaheadBlockTest {

    private static final int N = 3 * 4096 + 37;

    @Test
    void aBlockedSyncEqualsTwoWholePasses() {
        for (Lookahead.Formula formula : Lookahead.Formula.values()) {
            for (Lookahead.Timing timing : Lookahead.Timing.values()) {
                Lookahead rule = new Lookahead(Adam.adamW(), 1, 0.5, formula, timing);     // k = 1: every step syncs
                float[][] blocked = state(), whole = state();
                StepContext ctx = new StepContext(1, 1e-2, 1e-2, new double[0]);
                rule.plan(ctx).apply(ScalarUpdateKernels.INSTANCE, buffers(blocked), 100, N);
                // the two passes, from the spec: inner step over the range, capture, sync over the range
                ParamBuffers w = buffers(whole);
                Adam.adamW().plan(ctx).apply(ScalarUpdateKernels.INSTANCE, w.firstSlots(2), 100, N);
                syncByHand(w, 2, 100, N, formula, timing);
                for (int i = 0; i < whole.length; i++) {
                    assertArrayEquals(Bits.raw(whole[i]), Bits.raw(blocked[i]), formula + "/" + timing + ": buffer " + i);
                }
            }
        }
    }

    /**
     * Around SWATS, whose plan is a {@link PartedPlan}, the plan is parted too (its parts run on the optimizer's
     * threads), each part followed by the sync of its range: over several parts it gives the bits of SWATS's whole
     * step, then the capture, then the sync, and the same λ.
     */
    @Test
    void aPartedInnerRuleSyncsPartByPart() {
        int n = 2 * (int) SwatsSums.PART_LENGTH + 37;
        Swats swats = Swats.swats().withSums(SwatsSums.FIXED_ORDER_DOUBLE);
        for (Lookahead.Formula formula : Lookahead.Formula.values()) {
            for (Lookahead.Timing timing : Lookahead.Timing.values()) {
                Lookahead rule = new Lookahead(swats, 1, 0.5, formula, timing);     // k = 1: every step syncs
                StepContext ctx = new StepContext(1, 1e-2, 1e-2, swats.initialScalars().clone());
                StepPlan plan = rule.plan(ctx);
                assertTrue(plan instanceof PartedPlan, "a parted plan around SWATS");
                float[][] parted = state(n, 6), whole = state(n, 6);
                double[] partedOwn = swats.initialParameterScalars().clone(), wholeOwn = swats.initialParameterScalars().clone();
                plan.apply(ScalarUpdateKernels.INSTANCE, buffers(parted, partedOwn), 0, n);
                ParamBuffers w = buffers(whole, wholeOwn);
                swats.plan(new StepContext(1, 1e-2, 1e-2, swats.initialScalars().clone()))
                        .apply(ScalarUpdateKernels.INSTANCE, w.firstSlots(3), 0, n);
                syncByHand(w, 3, 0, n, formula, timing);
                for (int i = 0; i < whole.length; i++) {
                    assertArrayEquals(Bits.raw(whole[i]), Bits.raw(parted[i]), formula + "/" + timing + ": buffer " + i);
                }
                assertArrayEquals(wholeOwn, partedOwn, formula + "/" + timing + ": λ and the momentum flag");
            }
        }
    }

    /** The spec's second pass over [from, to) with α = 0.5, the slow weights in slot {@code slow}: the capture, then the sync. */
    private static void syncByHand(ParamBuffers w, int slow, int from, int to, Lookahead.Formula formula, Lookahead.Timing timing) {
        if (timing == Lookahead.Timing.FIRST_STEP) {
            MemorySegment.copy(w.param(), from * 4L, w.slot(slow), from * 4L, (to - from) * 4L);
        }
        LookaheadCoefficients c = new LookaheadCoefficients(0.5f, 0.5f);
        if (formula == Lookahead.Formula.FAST_WEIGHTED) {
            ScalarLookahead.INSTANCE.fastWeighted(w.param(), w.slot(slow), from, to, c);
        } else {
            ScalarLookahead.INSTANCE.slowPlus(w.param(), w.slot(slow), from, to, c);
        }
    }

    /** θ, g, m, v, slow. */
    private static float[][] state() {
        return state(N, 5);
    }

    /** θ, g and {@code count − 2} slots of n floats; the fourth (v) ≥ 0. */
    private static float[][] state(int n, int count) {
        SplittableRandom r = new SplittableRandom(11);
        float[][] s = new float[count][n];
        for (float[] a : s) {
            for (int i = 0; i < n; i++) {
                a[i] = (float) r.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            s[3][i] = Math.abs(s[3][i]);                 // v ≥ 0
        }
        return s;
    }

    /** θ, g and the slots of {@code s}, with per-parameter scalars {@code own}. */
    private static ParamBuffers buffers(float[][] s, double[] own) {
        List<MemorySegment> slots = new java.util.ArrayList<>();
        for (int i = 2; i < s.length; i++) {
            slots.add(MemorySegment.ofArray(s[i]));
        }
        return new ParamBuffers(MemorySegment.ofArray(s[0]), MemorySegment.ofArray(s[1]), slots, own);
    }

    private static ParamBuffers buffers(float[][] s) {
        return new ParamBuffers(MemorySegment.ofArray(s[0]), MemorySegment.ofArray(s[1]),
                List.of(MemorySegment.ofArray(s[2]), MemorySegment.ofArray(s[3]), MemorySegment.ofArray(s[4])));
    }
}
