package dev.gradus.simd;

import dev.gradus.kernel.NAdamCoefficients;
import dev.gradus.kernel.NAdamKernels;
import dev.gradus.reference.ScalarNAdam;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/** Vector twin of {@link ScalarNAdam} (spec R10). */
final class VectorNAdam implements NAdamKernels {

    static final VectorNAdam INSTANCE = new VectorNAdam();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorNAdam() {
    }

    @Override
    public void nadam(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                      long from, long to, NAdamCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector bc2 = FloatVector.broadcast(S, c.bc2()), eps = FloatVector.broadcast(S, c.eps());
        final FloatVector cg = FloatVector.broadcast(S, c.gradCoef()), cm = FloatVector.broadcast(S, c.momentumCoef());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay()), decay = FloatVector.broadcast(S, c.decay());
        final boolean l2 = c.l2(), decoupled = c.decoupled();
        final boolean unitBc2 = c.bc2() == 1f;           // x / 1 = x exactly: from step 17,321 with β2 = 0.999
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p.mul(decay);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // d ← √(v / ⟨bc2⟩) + ⟨eps⟩
            FloatVector d = (unitBc2 ? vi : vi.div(bc2)).sqrt().add(eps);
            // θ ← θ + (⟨c_g⟩·g) / d
            p = p.add(cg.mul(g).div(d));
            // θ ← θ + (⟨c_m⟩·m) / d
            p = p.add(cm.mul(mi).div(d));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarNAdam.nadamRangeSegments(param, grad, m, v, i, to, c);
    }
}
