package dev.gradus.simd;

import dev.gradus.kernel.DiffGradCoefficients;
import dev.gradus.kernel.DiffGradKernels;
import dev.gradus.reference.ScalarDiffGrad;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Vector twin of {@link ScalarDiffGrad} (spec R14). Every statement is the scalar one, lanewise,
 * except {@code exp}: the Vector API's lanewise {@code EXP} (within 1 ulp of the exact value, like
 * the scalar {@code (float) Math.exp}, but not always the same float; spec §0.6).
 */
final class VectorDiffGrad implements DiffGradKernels {

    static final VectorDiffGrad INSTANCE = new VectorDiffGrad();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** Elements per block of the passes: 2 KiB of each stream, a multiple of every species length. */
    private static final int BLOCK = 512;
    /** Per thread, Δ and then ξ of one block. */
    private static final ThreadLocal<float[]> XI = ThreadLocal.withInitial(() -> new float[BLOCK]);

    private VectorDiffGrad() {
    }

    @Override
    public void diffGrad(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment prev,
                         long from, long to, DiffGradCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negStep = FloatVector.broadcast(S, c.negStepSize());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay()), one = FloatVector.broadcast(S, 1f);
        final boolean l2 = c.l2();
        final long bound = from + S.loopBound(to - from);
        long i = from;
        // Three passes per block of BLOCK elements (in L1 between them): Δ into a scratch array,
        // then ξ in place, then the rest. The exp is a call into the vector math library, which
        // clobbers the registers: alone in a loop over one small array it has almost nothing to
        // spill or reload (same bits as one pass; StepBench at 64K: one pass → ξ parked in prev
        // 1.4× faster on native segments, → this 1.37× / 1.28× faster again on float[] / native).
        final float[] xs = XI.get();
        while (i < bound) {
            final int n = (int) Math.min(BLOCK, bound - i);
            for (int j = 0; j < n; j += S.length()) {
                final long o = (i + j) * Float.BYTES;
                FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
                // g ← g + ⟨λ⟩·θ
                if (l2) g = g.add(wd.mul(FloatVector.fromMemorySegment(S, param, o, NATIVE)));
                // Δ ← |prev − g|
                FloatVector.fromMemorySegment(S, prev, o, NATIVE).sub(g).abs().intoArray(xs, j);
            }
            for (int j = 0; j < n; j += S.length()) {
                // ξ ← 1 / (1 + exp(−Δ))
                one.div(one.add(FloatVector.fromArray(S, xs, j).neg().lanewise(VectorOperators.EXP))).intoArray(xs, j);
            }
            for (int j = 0; j < n; j += S.length()) {
                final long o = (i + j) * Float.BYTES;
                FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
                FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
                // g ← g + ⟨λ⟩·θ
                if (l2) g = g.add(wd.mul(p));
                // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
                FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
                // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
                FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
                // d ← √v + ⟨eps⟩
                FloatVector d = vi.sqrt().add(eps);
                FloatVector xi = FloatVector.fromArray(S, xs, j);
                // θ ← θ + (⟨−ss⟩·(m·ξ)) / d
                p = p.add(negStep.mul(mi.mul(xi)).div(d));
                mi.intoMemorySegment(m, o, NATIVE);
                vi.intoMemorySegment(v, o, NATIVE);
                // prev ← g
                g.intoMemorySegment(prev, o, NATIVE);
                p.intoMemorySegment(param, o, NATIVE);
            }
            i += n;
        }
        ScalarDiffGrad.diffGradRange(param, grad, m, v, prev, i, to, c);
    }
}
