package dev.gradus.reference;

import dev.gradus.kernel.LookaheadCoefficients;
import dev.gradus.rules.Adam;
import dev.gradus.rules.Lookahead;
import dev.gradus.rules.ParamBuffers;
import dev.gradus.rules.StepContext;
import dev.gradus.testing.Bits;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A Lookahead sync step runs the inner step and the sync block by block; over a range of several
 * blocks it must give the bits of the two whole passes it replaces (the inner step over the range,
 * then the copy for a first-step capture, then the sync over the range).
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
                if (timing == Lookahead.Timing.FIRST_STEP) {
                    MemorySegment.copy(w.param(), 400, w.slot(2), 400, (N - 100) * 4L);
                }
                LookaheadCoefficients c = new LookaheadCoefficients(0.5f, 0.5f);
                if (formula == Lookahead.Formula.FAST_WEIGHTED) {
                    ScalarLookahead.INSTANCE.fastWeighted(w.param(), w.slot(2), 100, N, c);
                } else {
                    ScalarLookahead.INSTANCE.slowPlus(w.param(), w.slot(2), 100, N, c);
                }
                for (int i = 0; i < whole.length; i++) {
                    assertArrayEquals(Bits.raw(whole[i]), Bits.raw(blocked[i]), formula + "/" + timing + ": buffer " + i);
                }
            }
        }
    }

    /** θ, g, m, v, slow. */
    private static float[][] state() {
        SplittableRandom r = new SplittableRandom(11);
        float[][] s = new float[5][N];
        for (float[] a : s) {
            for (int i = 0; i < N; i++) {
                a[i] = (float) r.nextGaussian();
            }
        }
        for (int i = 0; i < N; i++) {
            s[3][i] = Math.abs(s[3][i]);                 // v ≥ 0
        }
        return s;
    }

    private static ParamBuffers buffers(float[][] s) {
        return new ParamBuffers(MemorySegment.ofArray(s[0]), MemorySegment.ofArray(s[1]),
                List.of(MemorySegment.ofArray(s[2]), MemorySegment.ofArray(s[3]), MemorySegment.ofArray(s[4])));
    }
}
