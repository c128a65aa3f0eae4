package dev.gradus.rules;

import dev.gradus.kernel.LookaheadCoefficients;
import dev.gradus.kernel.UpdateKernels;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Lookahead (Zhang et al. 2019) around any rule (spec R16): the inner rule runs unchanged on the
 * fast weights θ, with its own state and scalars; a slot {@value #SLOW} holds the slow weights φ,
 * and every k-th step the two are synchronised.
 *
 * <pre>
 *   FAST_WEIGHTED (default; michaelrzhang/lookahead):  θ ← θ·⟨α⟩ + ⟨1−α⟩·φ;  φ ← θ
 *   SLOW_PLUS (Ranger):                                 φ ← φ + ⟨α⟩·(θ − φ); θ ← φ
 * </pre>
 * The two formulas are equal in exact arithmetic but round differently.
 *
 * <p>Timing: {@link Timing#EVERY_KTH} (default, the paper's): φ starts as a copy of θ when the
 * parameter is registered, and the sync follows inner steps k, 2k, 3k, …. {@link Timing#FIRST_STEP}
 * (jettify/pytorch-optimizer): φ is set to θ after inner step 1, and the sync follows steps
 * 1, k+1, 2k+1, ….
 *
 * <p>The plan steps as the inner rule's does: around a {@link PartedPlan} (SWATS) it is a parted plan
 * whose parts are the inner parts, each followed by the sync of its range, so the parts still run on
 * the optimizer's threads; the sync is element-wise, so the bits are those of a sync after the whole
 * inner step.
 *
 * @param inner   the wrapped rule; must not have a slot named {@value #SLOW} (no Lookahead in Lookahead)
 * @param k       sync period, default {@value #DEFAULT_K}; {@code >= 1}
 * @param alpha   slow-weight step, default {@value #DEFAULT_ALPHA} (the paper's and jettify's;
 *                michaelrzhang's code defaults to 0.8); in [0, 1]
 * @param formula how the sync rounds
 * @param timing  when the sync happens
 */
public record Lookahead(Rule inner, int k, double alpha, Formula formula, Timing timing) implements Rule {

    /** Paper and all implementations. */
    public static final int DEFAULT_K = 5;
    /** Paper and jettify; michaelrzhang's default is 0.8. */
    public static final double DEFAULT_ALPHA = 0.5;
    /** The slow weights' slot (michaelrzhang: {@code cached_params}; Ranger: {@code slow_buffer}). */
    public static final String SLOW = "slow";

    /**
     * Elements per block of a sync step: the inner step, then the sync, block by block (16 KiB of
     * each stream; a multiple of every vector length, so no element moves into a scalar tail).
     */
    static final long SYNC_BLOCK = 4096;

    /** How the synchronisation is rounded. */
    public enum Formula {
        /** {@code θ ← θ·α + (1−α)·φ; φ ← θ} (michaelrzhang and jettify). */
        FAST_WEIGHTED,
        /** {@code φ ← φ + α·(θ − φ); θ ← φ} (Ranger). */
        SLOW_PLUS
    }

    /** When the synchronisation happens. */
    public enum Timing {
        /** After steps k, 2k, …; φ starts as θ at registration (paper, michaelrzhang, Ranger). */
        EVERY_KTH,
        /** After steps 1, k+1, 2k+1, …; φ is set to θ after step 1 (jettify). */
        FIRST_STEP
    }

    public Lookahead {
        Check.notNull("inner", inner);
        Check.atLeast("k", k, 1);
        Check.unitClosed("alpha", alpha);
        Check.notNull("formula", formula);
        Check.notNull("timing", timing);
        if (inner.slotNames().contains(SLOW)) {
            throw new IllegalArgumentException("inner must not have a slot named '" + SLOW + "' (Lookahead cannot wrap "
                    + inner.name() + ")");
        }
    }

    /** Lookahead around {@code inner} with the defaults (k = 5, α = 0.5, michaelrzhang's formula, paper timing). */
    public static Lookahead around(Rule inner) {
        return new Lookahead(inner, DEFAULT_K, DEFAULT_ALPHA, Formula.FAST_WEIGHTED, Timing.EVERY_KTH);
    }

    public Lookahead withK(int k) {
        return new Lookahead(inner, k, alpha, formula, timing);
    }

    public Lookahead withAlpha(double alpha) {
        return new Lookahead(inner, k, alpha, formula, timing);
    }

    public Lookahead withFormula(Formula formula) {
        return new Lookahead(inner, k, alpha, formula, timing);
    }

    public Lookahead withTiming(Timing timing) {
        return new Lookahead(inner, k, alpha, formula, timing);
    }

    @Override
    public String name() {
        return "lookahead";
    }

    @Override
    public List<String> slotNames() {
        List<String> names = new ArrayList<>(inner.slotNames());
        names.add(SLOW);
        return List.copyOf(names);
    }

    @Override
    public float initialSlotValue(String slot) {
        return slot.equals(SLOW) ? 0f : inner.initialSlotValue(slot);
    }

    @Override
    public boolean slotCopiesParameter(String slot) {
        return slot.equals(SLOW) || inner.slotCopiesParameter(slot);
    }

    @Override
    public List<String> scalarNames() {
        return inner.scalarNames();
    }

    @Override
    public double[] initialScalars() {
        return inner.initialScalars();
    }

    @Override
    public List<String> parameterScalarNames() {
        return inner.parameterScalarNames();
    }

    @Override
    public double[] initialParameterScalars() {
        return inner.initialParameterScalars();
    }

    @Override
    public boolean wholeParameters() {
        return inner.wholeParameters();
    }

    @Override
    public OptionalDouble defaultLearningRate() {
        return inner.defaultLearningRate();
    }

    @Override
    public java.util.Optional<Centralization> centralization() {
        return inner.centralization();
    }

    /** Whether the step {@code t} (1-based) ends with a sync. */
    public boolean syncsAfter(long t) {
        return timing == Timing.EVERY_KTH ? t % k == 0 : (t - 1) % k == 0;
    }

    @Override
    public StepPlan plan(StepContext context) {
        StepPlan innerPlan = inner.plan(context);
        int own = inner.slotNames().size();
        RangeSync sync = syncsAfter(context.step()) ? sync(context, own) : null;
        if (innerPlan instanceof PartedPlan parted) {
            return parted(parted, own, sync);
        }
        if (sync == null) {
            return (k, b, from, to) -> innerPlan.apply(k, b.firstSlots(own), from, to);
        }
        return (k, b, from, to) -> {
            ParamBuffers inners = b.firstSlots(own);
            long block = inner.wholeParameters() ? Math.max(1, to - from) : SYNC_BLOCK;   // SWATS must see it whole
            // Block by block, so the sync reads θ while the inner step has just left it in cache
            // (one pass over memory instead of two; the same bits: both are element-wise).
            for (long lo = from; lo < to; lo += block) {
                long hi = Math.min(to, lo + block);
                innerPlan.apply(k, inners, lo, hi);
                sync.run(k, b, lo, hi);
            }
        };
    }

    /** The sync of elements {@code [lo, hi)}, after the inner step has updated them. */
    @FunctionalInterface
    private interface RangeSync {
        void run(UpdateKernels k, ParamBuffers b, long lo, long hi);
    }

    private RangeSync sync(StepContext context, int own) {
        boolean capture = timing == Timing.FIRST_STEP && context.step() == 1;
        LookaheadCoefficients c = new LookaheadCoefficients((float) alpha, (float) (1.0 - alpha));
        boolean fast = formula == Formula.FAST_WEIGHTED;
        return (k, b, lo, hi) -> {
            MemorySegment slow = b.slot(own);
            if (capture) {
                MemorySegment.copy(b.param(), lo * Float.BYTES, slow, lo * Float.BYTES, (hi - lo) * Float.BYTES);
            }
            if (fast) {
                k.lookahead().fastWeighted(b.param(), slow, lo, hi, c);
            } else {
                k.lookahead().slowPlus(b.param(), slow, lo, hi, c);
            }
        };
    }

    /**
     * An inner {@link PartedPlan}'s parts (SWATS's), each followed by the sync of its range when the step syncs:
     * the sync is element-wise and the inner finish does not touch θ, so the bits are those of the sync after
     * the whole inner step, and the parts still run on the optimizer's threads.
     */
    private static PartedPlan parted(PartedPlan innerPlan, int own, RangeSync sync) {
        return new PartedPlan() {
            @Override
            public long partLength(ParamBuffers b) {
                return innerPlan.partLength(b.firstSlots(own));
            }

            @Override
            public void part(UpdateKernels k, ParamBuffers b, long from, long to) {
                innerPlan.part(k, b.firstSlots(own), from, to);
                if (sync != null) {
                    sync.run(k, b, from, to);
                }
            }

            @Override
            public void finish(ParamBuffers b, int parts) {
                innerPlan.finish(b.firstSlots(own), parts);
            }
        };
    }
}
