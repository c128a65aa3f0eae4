package dev.gradus.simd;

import dev.gradus.kernel.AdagradCoefficients;
import dev.gradus.kernel.AdagradKernels;
import dev.gradus.reference.ScalarAdagrad;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/** Vector twin of {@link ScalarAdagrad} (spec R4). */
final class VectorAdagrad implements AdagradKernels {

    static final VectorAdagrad INSTANCE = new VectorAdagrad();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorAdagrad() {
    }

    @Override
    public void adagrad(MemorySegment param, MemorySegment grad, MemorySegment sum, long from, long to,
                        AdagradCoefficients c) {
        final FloatVector negClr = FloatVector.broadcast(S, c.negClr()), eps = FloatVector.broadcast(S, c.eps());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), maximize = c.maximize();
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← −g
            if (maximize) g = g.neg();
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // s ← s + g·g
            FloatVector s = FloatVector.fromMemorySegment(S, sum, o, NATIVE).add(g.mul(g));
            // σ ← √s + ⟨eps⟩
            FloatVector sigma = s.sqrt().add(eps);
            // θ ← θ + (⟨−clr⟩·g) / σ
            p = p.add(negClr.mul(g).div(sigma));
            s.intoMemorySegment(sum, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarAdagrad.adagradRangeSegments(param, grad, sum, i, to, c);
    }
}
