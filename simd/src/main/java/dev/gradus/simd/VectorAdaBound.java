package dev.gradus.simd;

import dev.gradus.kernel.AdaBoundCoefficients;
import dev.gradus.kernel.AdaBoundKernels;
import dev.gradus.reference.ScalarAdaBound;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Vector twin of {@link ScalarAdaBound} (spec R12).
 *
 * <p>The clamp {@code min(max(x, lb), ub)} is Java's {@code Math.max} and {@code Math.min}. With 256-bit
 * vectors (AVX2) each of those is five instructions, for NaN and the order of −0 and +0; as a compare
 * and a blend, {@code x ≤ lb ? lb : x} then {@code y > ub ? ub : y}, it is two, and gives the same
 * float for every x and y whenever neither bound is NaN or −0 (the optimizer's bounds are ≥ +0). Other
 * bounds, which only a direct kernel caller can pass, take Java's min and max.
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
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), ss = FloatVector.broadcast(S, c.stepSize());
        final FloatVector lb = FloatVector.broadcast(S, c.lowerBound()), ub = FloatVector.broadcast(S, c.upperBound());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), blendClamp = blendable(c.lowerBound()) && blendable(c.upperBound());
        final long bound = from + S.loopBound(to - from);
        long i = from;
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

    @Override
    public void amsBound(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                         MemorySegment vMax, long from, long to, AdaBoundCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), ss = FloatVector.broadcast(S, c.stepSize());
        final FloatVector lb = FloatVector.broadcast(S, c.lowerBound()), ub = FloatVector.broadcast(S, c.upperBound());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), blendClamp = blendable(c.lowerBound()) && blendable(c.upperBound());
        final long bound = from + S.loopBound(to - from);
        long i = from;
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

    /** min(max(x, lb), ub) with Java's max and min; see the class comment. */
    private static FloatVector clamp(FloatVector x, FloatVector lb, FloatVector ub, boolean blend) {
        if (!blend) return x.max(lb).min(ub);
        // y ← x ≤ lb ? lb : x, equal to max(x, lb) for lb neither NaN nor −0
        FloatVector y = x.blend(lb, x.compare(VectorOperators.LE, lb));
        // y > ub ? ub : y, equal to min(y, ub) for ub neither NaN nor −0
        return y.blend(ub, y.compare(VectorOperators.GT, ub));
    }

    /** Whether a bound lets {@link #clamp} use compares and blends. */
    static boolean blendable(float bound) {
        return !Float.isNaN(bound) && Float.floatToRawIntBits(bound) != Float.floatToRawIntBits(-0f);
    }
}
