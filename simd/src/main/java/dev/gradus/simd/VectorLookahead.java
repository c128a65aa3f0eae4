package dev.gradus.simd;

import dev.gradus.kernel.LookaheadCoefficients;
import dev.gradus.kernel.LookaheadKernels;
import dev.gradus.reference.ScalarLookahead;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/** Vector twin of {@link ScalarLookahead} (spec R16, R17). */
final class VectorLookahead implements LookaheadKernels {

    static final VectorLookahead INSTANCE = new VectorLookahead();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorLookahead() {
    }

    @Override
    public void fastWeighted(MemorySegment param, MemorySegment slow, long from, long to, LookaheadCoefficients c) {
        final FloatVector a = FloatVector.broadcast(S, c.alpha()), oma = FloatVector.broadcast(S, c.oneMinusAlpha());
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            // θ ← θ·⟨α⟩ + ⟨1−α⟩·φ
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE).mul(a)
                    .add(oma.mul(FloatVector.fromMemorySegment(S, slow, o, NATIVE)));
            // φ ← θ
            p.intoMemorySegment(param, o, NATIVE);
            p.intoMemorySegment(slow, o, NATIVE);
        }
        ScalarLookahead.fastWeightedRangeSegments(param, slow, i, to, c);
    }

    @Override
    public void slowPlus(MemorySegment param, MemorySegment slow, long from, long to, LookaheadCoefficients c) {
        final FloatVector a = FloatVector.broadcast(S, c.alpha());
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector s = FloatVector.fromMemorySegment(S, slow, o, NATIVE);
            // φ ← φ + ⟨α⟩·(θ − φ)
            s = s.add(a.mul(FloatVector.fromMemorySegment(S, param, o, NATIVE).sub(s)));
            // θ ← φ
            s.intoMemorySegment(slow, o, NATIVE);
            s.intoMemorySegment(param, o, NATIVE);
        }
        ScalarLookahead.slowPlusRangeSegments(param, slow, i, to, c);
    }
}
