package dev.gradus.simd;

import dev.gradus.kernel.AdaBoundCoefficients;
import dev.gradus.kernel.AdaBoundKernels;
import dev.gradus.reference.ScalarAdaBound;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Vector twin of {@link ScalarAdaBound} (spec R12).
 *
 * <p>The clamp {@code min(max(x, lb), ub)} is Java's {@code Math.max} and {@code Math.min}, taken as
 * compares and blends ({@link ConstantBounds}) when neither bound is NaN or −0, as the optimizer's
 * bounds (≥ +0) never are; other bounds, which only a direct kernel caller can pass, take the Vector
 * API's {@code max} and {@code min}.
 */
final class VectorAdaBound implements AdaBoundKernels {

    static final VectorAdaBound INSTANCE = new VectorAdaBound();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorAdaBound() {
    }

    @Override
    public void adaBound(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                         long from, long to, AdaBoundCoefficients c) {
        final long start = StreamingLoop.runs(from, to) ? adaBoundStreaming(param, grad, m, v, from, to, c) : from;
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), ss = FloatVector.broadcast(S, c.stepSize());
        final FloatVector lb = FloatVector.broadcast(S, c.lowerBound()), ub = FloatVector.broadcast(S, c.upperBound());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), blendClamp = ConstantBounds.blendable(c.lowerBound()) && ConstantBounds.blendable(c.upperBound());
        final long bound = start + S.loopBound(to - start);
        long i = start;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
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
            // η ← min(max(⟨ss⟩ / d, ⟨lb⟩), ⟨ub⟩)
            FloatVector eta = clamp(ss.div(d), lb, ub, blendClamp);
            // θ ← θ − η·m
            p = p.sub(eta.mul(mi));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarAdaBound.adaBoundRangeSegments(param, grad, m, v, i, to, c);
    }

    /** {@link #adaBound} over a long range's whole vectors ({@link StreamingLoop}); returns the element after them. */
    static long adaBoundStreaming(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                  long from, long to, AdaBoundCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), ss = FloatVector.broadcast(S, c.stepSize());
        final FloatVector lb = FloatVector.broadcast(S, c.lowerBound()), ub = FloatVector.broadcast(S, c.upperBound());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), blendClamp = ConstantBounds.blendable(c.lowerBound()) && ConstantBounds.blendable(c.upperBound());
        final long end = StreamingLoop.end(from, to);
        for (long h = StreamingLoop.first(from); h < end; h += StreamingLoop.STRIDE) {
            final long o = h >>> StreamingLoop.SHIFT;
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
            // η ← min(max(⟨ss⟩ / d, ⟨lb⟩), ⟨ub⟩)
            FloatVector eta = clamp(ss.div(d), lb, ub, blendClamp);
            // θ ← θ − η·m
            p = p.sub(eta.mul(mi));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        return StreamingLoop.element(end);
    }

    @Override
    public void amsBound(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                         MemorySegment vMax, long from, long to, AdaBoundCoefficients c) {
        final long start = StreamingLoop.runs(from, to) ? amsBoundStreaming(param, grad, m, v, vMax, from, to, c) : from;
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), ss = FloatVector.broadcast(S, c.stepSize());
        final FloatVector lb = FloatVector.broadcast(S, c.lowerBound()), ub = FloatVector.broadcast(S, c.upperBound());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), blendClamp = ConstantBounds.blendable(c.lowerBound()) && ConstantBounds.blendable(c.upperBound());
        final long bound = start + S.loopBound(to - start);
        long i = start;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // vMax ← max(vMax, v)
            FloatVector vm = FloatVector.fromMemorySegment(S, vMax, o, NATIVE).max(vi);
            // d ← √vMax + ⟨eps⟩
            FloatVector d = vm.sqrt().add(eps);
            // η ← min(max(⟨ss⟩ / d, ⟨lb⟩), ⟨ub⟩)
            FloatVector eta = clamp(ss.div(d), lb, ub, blendClamp);
            // θ ← θ − η·m
            p = p.sub(eta.mul(mi));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            vm.intoMemorySegment(vMax, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarAdaBound.amsBoundRangeSegments(param, grad, m, v, vMax, i, to, c);
    }

    /** {@link #amsBound} over a long range's whole vectors ({@link StreamingLoop}); returns the element after them. */
    static long amsBoundStreaming(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                  MemorySegment vMax, long from, long to, AdaBoundCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), ss = FloatVector.broadcast(S, c.stepSize());
        final FloatVector lb = FloatVector.broadcast(S, c.lowerBound()), ub = FloatVector.broadcast(S, c.upperBound());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), blendClamp = ConstantBounds.blendable(c.lowerBound()) && ConstantBounds.blendable(c.upperBound());
        final long end = StreamingLoop.end(from, to);
        for (long h = StreamingLoop.first(from); h < end; h += StreamingLoop.STRIDE) {
            final long o = h >>> StreamingLoop.SHIFT;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            // vMax ← max(vMax, v)
            FloatVector vm = FloatVector.fromMemorySegment(S, vMax, o, NATIVE).max(vi);
            // d ← √vMax + ⟨eps⟩
            FloatVector d = vm.sqrt().add(eps);
            // η ← min(max(⟨ss⟩ / d, ⟨lb⟩), ⟨ub⟩)
            FloatVector eta = clamp(ss.div(d), lb, ub, blendClamp);
            // θ ← θ − η·m
            p = p.sub(eta.mul(mi));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            vm.intoMemorySegment(vMax, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        return StreamingLoop.element(end);
    }

    /** min(max(x, lb), ub) with Java's max and min; see the class comment. */
    private static FloatVector clamp(FloatVector x, FloatVector lb, FloatVector ub, boolean blend) {
        return blend ? ConstantBounds.atMost(ConstantBounds.atLeast(x, lb), ub) : x.max(lb).min(ub);
    }
}
