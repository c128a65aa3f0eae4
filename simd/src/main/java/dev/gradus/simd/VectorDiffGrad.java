package dev.gradus.simd;

import dev.gradus.kernel.DiffGradCoefficients;
import dev.gradus.kernel.DiffGradKernels;
import dev.gradus.reference.ScalarDiffGrad;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Vector twin of {@link ScalarDiffGrad} (spec R14). Every statement is the scalar one, lanewise,
 * except {@code exp}: {@link VectorFriction}'s inline exp (within 1 ulp of the exact value, like
 * the scalar {@code (float) Math.exp}, but not always the same float; spec §0.6).
 *
 * <p>One pass. The Vector API's lanewise {@code EXP} is a call into the vector math library that
 * clobbers the vector registers, so it used to run in a pass of its own over a scratch block, and
 * the memory streams waited while it ran; written out inline, the exp overlaps the loads and stores
 * (StepBench, one session: 16M 25.0 → 11.9 ms on {@code float[]}, 18.4 → 11.6 ms native, Adam
 * 8.6 ms; 64K 34.5 → 24.0 µs and 31.1 → 24.4 µs).
 */
final class VectorDiffGrad implements DiffGradKernels {

    static final VectorDiffGrad INSTANCE = new VectorDiffGrad();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorDiffGrad() {
    }

    @Override
    public void diffGrad(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment prev,
                         long from, long to, DiffGradCoefficients c) {
        final long start = StreamingLoop.runs(from, to) ? diffGradStreaming(param, grad, m, v, prev, from, to, c) : from;
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negStep = FloatVector.broadcast(S, c.negStepSize());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2();
        final long bound = start + S.loopBound(to - start);
        long i = start;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // Δ ← |prev − g|
            FloatVector delta = FloatVector.fromMemorySegment(S, prev, o, NATIVE).sub(g).abs();
            // ξ ← 1 / (1 + exp(−Δ))
            FloatVector xi = VectorFriction.xi(delta);
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // d ← √v + ⟨eps⟩
            FloatVector d = vi.sqrt().add(eps);
            // θ ← θ + (⟨−ss⟩·(m·ξ)) / d
            p = p.add(negStep.mul(mi.mul(xi)).div(d));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            // prev ← g
            g.intoMemorySegment(prev, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarDiffGrad.diffGradRangeSegments(param, grad, m, v, prev, i, to, c);
    }

    /** {@link #diffGrad} over a long range's whole vectors ({@link StreamingLoop}); returns the element after them. */
    static long diffGradStreaming(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment prev,
                                  long from, long to, DiffGradCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negStep = FloatVector.broadcast(S, c.negStepSize());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2();
        final long end = StreamingLoop.end(from, to);
        for (long h = StreamingLoop.first(from); h < end; h += StreamingLoop.STRIDE) {
            final long o = h >>> StreamingLoop.SHIFT;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // Δ ← |prev − g|
            FloatVector delta = FloatVector.fromMemorySegment(S, prev, o, NATIVE).sub(g).abs();
            // ξ ← 1 / (1 + exp(−Δ))
            FloatVector xi = VectorFriction.xi(delta);
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // d ← √v + ⟨eps⟩
            FloatVector d = vi.sqrt().add(eps);
            // θ ← θ + (⟨−ss⟩·(m·ξ)) / d
            p = p.add(negStep.mul(mi.mul(xi)).div(d));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            // prev ← g
            g.intoMemorySegment(prev, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        return StreamingLoop.element(end);
    }
}
