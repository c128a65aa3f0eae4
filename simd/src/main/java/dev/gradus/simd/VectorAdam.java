package dev.gradus.simd;

import dev.gradus.kernel.AdamCoefficients;
import dev.gradus.kernel.AdamKernels;
import dev.gradus.reference.ScalarAdam;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Vector twin of {@link ScalarAdam} (spec R6–R8). Once ⟨bc2s⟩ = ⟨√(1 − β2^t)⟩ rounds to 1 (with β2 = 0.999
 * from step 16,628, with 0.95 from step 325: most steps of a long run), dividing by it returns its
 * operand exactly, so the loop leaves the division out: the same floats, one division per element fewer
 * (on Zen 3 a quarter of Adam's time in cache, where the divider sets the pace).
 */
final class VectorAdam implements AdamKernels {

    static final VectorAdam INSTANCE = new VectorAdam();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorAdam() {
    }

    @Override
    public void adam(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                     long from, long to, AdamCoefficients c) {
        final long start = StreamingLoop.runs(from, to) ? adamStreaming(param, grad, m, v, from, to, c) : from;
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector bc2s = FloatVector.broadcast(S, c.bc2Sqrt()), eps = FloatVector.broadcast(S, c.eps());
        final FloatVector negStep = FloatVector.broadcast(S, c.negStepSize()), wd = FloatVector.broadcast(S, c.weightDecay());
        final FloatVector decay = FloatVector.broadcast(S, c.decay());
        final boolean l2 = c.l2(), decoupled = c.decoupled(), maximize = c.maximize();
        final boolean unitBc2s = c.bc2Sqrt() == 1f;      // x / 1 = x exactly (class comment)
        final long bound = start + S.loopBound(to - start);
        long i = start;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← −g
            if (maximize) g = g.neg();
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p.mul(decay);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // d ← √v / ⟨bc2s⟩ + ⟨eps⟩
            FloatVector d = (unitBc2s ? vi.sqrt() : vi.sqrt().div(bc2s)).add(eps);
            // θ ← θ + (⟨−step⟩·m) / d
            p = p.add(negStep.mul(mi).div(d));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarAdam.adamRangeSegments(param, grad, m, v, i, to, c);
    }

    /** {@link #adam} over a long range's whole vectors ({@link StreamingLoop}); returns the element after them. */
    static long adamStreaming(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                              long from, long to, AdamCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector bc2s = FloatVector.broadcast(S, c.bc2Sqrt()), eps = FloatVector.broadcast(S, c.eps());
        final FloatVector negStep = FloatVector.broadcast(S, c.negStepSize()), wd = FloatVector.broadcast(S, c.weightDecay());
        final FloatVector decay = FloatVector.broadcast(S, c.decay());
        final boolean l2 = c.l2(), decoupled = c.decoupled(), maximize = c.maximize();
        final boolean unitBc2s = c.bc2Sqrt() == 1f;      // x / 1 = x exactly (class comment)
        final long end = StreamingLoop.end(from, to);
        for (long h = StreamingLoop.first(from); h < end; h += StreamingLoop.STRIDE) {
            final long o = h >>> StreamingLoop.SHIFT;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← −g
            if (maximize) g = g.neg();
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p.mul(decay);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // d ← √v / ⟨bc2s⟩ + ⟨eps⟩
            FloatVector d = (unitBc2s ? vi.sqrt() : vi.sqrt().div(bc2s)).add(eps);
            // θ ← θ + (⟨−step⟩·m) / d
            p = p.add(negStep.mul(mi).div(d));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        return StreamingLoop.element(end);
    }

    @Override
    public void amsgrad(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                        MemorySegment vMax, long from, long to, AdamCoefficients c) {
        final long start = StreamingLoop.runs(from, to) ? amsgradStreaming(param, grad, m, v, vMax, from, to, c) : from;
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector bc2s = FloatVector.broadcast(S, c.bc2Sqrt()), eps = FloatVector.broadcast(S, c.eps());
        final FloatVector negStep = FloatVector.broadcast(S, c.negStepSize()), wd = FloatVector.broadcast(S, c.weightDecay());
        final FloatVector decay = FloatVector.broadcast(S, c.decay());
        final boolean l2 = c.l2(), decoupled = c.decoupled(), maximize = c.maximize();
        final boolean unitBc2s = c.bc2Sqrt() == 1f;      // x / 1 = x exactly (class comment)
        final long bound = start + S.loopBound(to - start);
        long i = start;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← −g
            if (maximize) g = g.neg();
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p.mul(decay);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // vMax ← max(vMax, v)
            FloatVector vm = FloatVector.fromMemorySegment(S, vMax, o, NATIVE).max(vi);
            // d ← √vMax / ⟨bc2s⟩ + ⟨eps⟩
            FloatVector d = (unitBc2s ? vm.sqrt() : vm.sqrt().div(bc2s)).add(eps);
            // θ ← θ + (⟨−step⟩·m) / d
            p = p.add(negStep.mul(mi).div(d));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            vm.intoMemorySegment(vMax, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarAdam.amsgradRangeSegments(param, grad, m, v, vMax, i, to, c);
    }

    /** {@link #amsgrad} over a long range's whole vectors ({@link StreamingLoop}); returns the element after them. */
    static long amsgradStreaming(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                 MemorySegment vMax, long from, long to, AdamCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector bc2s = FloatVector.broadcast(S, c.bc2Sqrt()), eps = FloatVector.broadcast(S, c.eps());
        final FloatVector negStep = FloatVector.broadcast(S, c.negStepSize()), wd = FloatVector.broadcast(S, c.weightDecay());
        final FloatVector decay = FloatVector.broadcast(S, c.decay());
        final boolean l2 = c.l2(), decoupled = c.decoupled(), maximize = c.maximize();
        final boolean unitBc2s = c.bc2Sqrt() == 1f;      // x / 1 = x exactly (class comment)
        final long end = StreamingLoop.end(from, to);
        for (long h = StreamingLoop.first(from); h < end; h += StreamingLoop.STRIDE) {
            final long o = h >>> StreamingLoop.SHIFT;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← −g
            if (maximize) g = g.neg();
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p.mul(decay);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // vMax ← max(vMax, v)
            FloatVector vm = FloatVector.fromMemorySegment(S, vMax, o, NATIVE).max(vi);
            // d ← √vMax / ⟨bc2s⟩ + ⟨eps⟩
            FloatVector d = (unitBc2s ? vm.sqrt() : vm.sqrt().div(bc2s)).add(eps);
            // θ ← θ + (⟨−step⟩·m) / d
            p = p.add(negStep.mul(mi).div(d));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            vm.intoMemorySegment(vMax, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        return StreamingLoop.element(end);
    }
}
