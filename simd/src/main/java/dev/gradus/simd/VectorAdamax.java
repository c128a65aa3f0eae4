package dev.gradus.simd;

import dev.gradus.kernel.AdamaxCoefficients;
import dev.gradus.kernel.AdamaxKernels;
import dev.gradus.reference.ScalarAdamax;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/** Vector twin of {@link ScalarAdamax} (spec R9). */
final class VectorAdamax implements AdamaxKernels {

    static final VectorAdamax INSTANCE = new VectorAdamax();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorAdamax() {
    }

    @Override
    public void adamax(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment u,
                       long from, long to, AdamaxCoefficients c) {
        final long start = StreamingLoop.runs(from, to) ? adamaxStreaming(param, grad, m, u, from, to, c) : from;
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), eps = FloatVector.broadcast(S, c.eps());
        final FloatVector negClr = FloatVector.broadcast(S, c.negClr()), wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), maximize = c.maximize();
        final long bound = start + S.loopBound(to - start);
        long i = start;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← −g
            if (maximize) g = g.neg();
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // u ← max(u·⟨β2⟩, |g| + ⟨eps⟩)
            FloatVector ui = FloatVector.fromMemorySegment(S, u, o, NATIVE).mul(b2).max(g.abs().add(eps));
            // θ ← θ + (⟨−clr⟩·m) / u
            p = p.add(negClr.mul(mi).div(ui));
            mi.intoMemorySegment(m, o, NATIVE);
            ui.intoMemorySegment(u, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarAdamax.adamaxRangeSegments(param, grad, m, u, i, to, c);
    }

    /** {@link #adamax} over a long range's whole vectors ({@link StreamingLoop}); returns the element after them. */
    static long adamaxStreaming(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment u,
                                long from, long to, AdamaxCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), eps = FloatVector.broadcast(S, c.eps());
        final FloatVector negClr = FloatVector.broadcast(S, c.negClr()), wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), maximize = c.maximize();
        final long end = StreamingLoop.end(from, to);
        for (long h = StreamingLoop.first(from); h < end; h += StreamingLoop.STRIDE) {
            final long o = h >>> StreamingLoop.SHIFT;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← −g
            if (maximize) g = g.neg();
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // u ← max(u·⟨β2⟩, |g| + ⟨eps⟩)
            FloatVector ui = FloatVector.fromMemorySegment(S, u, o, NATIVE).mul(b2).max(g.abs().add(eps));
            // θ ← θ + (⟨−clr⟩·m) / u
            p = p.add(negClr.mul(mi).div(ui));
            mi.intoMemorySegment(m, o, NATIVE);
            ui.intoMemorySegment(u, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        return StreamingLoop.element(end);
    }
}
