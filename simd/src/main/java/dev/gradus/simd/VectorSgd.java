package dev.gradus.simd;

import dev.gradus.kernel.SgdCoefficients;
import dev.gradus.kernel.SgdKernels;
import dev.gradus.reference.ScalarSgd;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/** Vector twin of {@link ScalarSgd} (spec R1–R3). */
final class VectorSgd implements SgdKernels {

    static final VectorSgd INSTANCE = new VectorSgd();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorSgd() {
    }

    @Override
    public void plain(MemorySegment param, MemorySegment grad, long from, long to, SgdCoefficients c) {
        final FloatVector negLr = FloatVector.broadcast(S, c.negLr()), wd = FloatVector.broadcast(S, c.weightDecay());
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
            // θ ← θ + ⟨−lr⟩·g
            p = p.add(negLr.mul(g));
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarSgd.plainRangeSegments(param, grad, i, to, c);
    }

    @Override
    public void momentumFirst(MemorySegment param, MemorySegment grad, MemorySegment buffer,
                              long from, long to, SgdCoefficients c) {
        final FloatVector negLr = FloatVector.broadcast(S, c.negLr()), wd = FloatVector.broadcast(S, c.weightDecay());
        final FloatVector mu = FloatVector.broadcast(S, c.momentum());
        final boolean l2 = c.l2(), maximize = c.maximize(), nesterov = c.nesterov();
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
            // b ← g
            FloatVector b = g;
            // d ← nesterov ? g + ⟨μ⟩·b : b
            FloatVector d = nesterov ? g.add(mu.mul(b)) : b;
            // θ ← θ + ⟨−lr⟩·d
            p = p.add(negLr.mul(d));
            b.intoMemorySegment(buffer, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarSgd.momentumFirstRangeSegments(param, grad, buffer, i, to, c);
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment grad, MemorySegment buffer,
                         long from, long to, SgdCoefficients c) {
        final FloatVector negLr = FloatVector.broadcast(S, c.negLr()), wd = FloatVector.broadcast(S, c.weightDecay());
        final FloatVector mu = FloatVector.broadcast(S, c.momentum()), damp = FloatVector.broadcast(S, c.oneMinusDampening());
        final boolean l2 = c.l2(), maximize = c.maximize(), nesterov = c.nesterov();
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
            // b ← b·⟨μ⟩ + ⟨1−τ⟩·g
            FloatVector b = FloatVector.fromMemorySegment(S, buffer, o, NATIVE).mul(mu).add(damp.mul(g));
            // d ← nesterov ? g + ⟨μ⟩·b : b
            FloatVector d = nesterov ? g.add(mu.mul(b)) : b;
            // θ ← θ + ⟨−lr⟩·d
            p = p.add(negLr.mul(d));
            b.intoMemorySegment(buffer, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarSgd.momentumRangeSegments(param, grad, buffer, i, to, c);
    }
}
