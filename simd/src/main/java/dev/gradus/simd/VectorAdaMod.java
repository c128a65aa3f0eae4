package dev.gradus.simd;

import dev.gradus.kernel.AdaModCoefficients;
import dev.gradus.kernel.AdaModKernels;
import dev.gradus.reference.ScalarAdaMod;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/** Vector twin of {@link ScalarAdaMod} (spec R13). */
final class VectorAdaMod implements AdaModKernels {

    static final VectorAdaMod INSTANCE = new VectorAdaMod();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorAdaMod() {
    }

    @Override
    public void adaMod(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment s,
                       long from, long to, AdaModCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector b3 = FloatVector.broadcast(S, c.beta3()), omb3 = FloatVector.broadcast(S, c.oneMinusBeta3());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), ss = FloatVector.broadcast(S, c.stepSize());
        final FloatVector negDecay = FloatVector.broadcast(S, c.negDecay());
        final boolean decay = c.decay();
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // d ← √v + ⟨eps⟩
            FloatVector d = vi.sqrt().add(eps);
            // θ ← θ + ⟨(−λ)·lr⟩·θ
            if (decay) p = p.add(negDecay.mul(p));
            // η ← ⟨ss⟩ / d
            FloatVector eta = ss.div(d);
            // s ← s·⟨β3⟩ + ⟨1−β3⟩·η
            FloatVector si = FloatVector.fromMemorySegment(S, s, o, NATIVE).mul(b3).add(omb3.mul(eta));
            // η ← min(η, s)
            eta = eta.min(si);
            // θ ← θ − η·m
            p = p.sub(eta.mul(mi));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            si.intoMemorySegment(s, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarAdaMod.adaModRangeSegments(param, grad, m, v, s, i, to, c);
    }
}
