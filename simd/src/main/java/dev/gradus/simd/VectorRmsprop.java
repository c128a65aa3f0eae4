package dev.gradus.simd;

import dev.gradus.kernel.RmspropCoefficients;
import dev.gradus.kernel.RmspropKernels;
import dev.gradus.reference.ScalarRmsprop;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/** Vector twin of {@link ScalarRmsprop} (spec R5). */
final class VectorRmsprop implements RmspropKernels {

    static final VectorRmsprop INSTANCE = new VectorRmsprop();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorRmsprop() {
    }

    @Override
    public void plain(MemorySegment param, MemorySegment grad, MemorySegment squareAvg,
                      long from, long to, RmspropCoefficients c) {
        final long start = StreamingLoop.runs(from, to) ? plainStreaming(param, grad, squareAvg, from, to, c) : from;
        final FloatVector alpha = FloatVector.broadcast(S, c.alpha()), oma = FloatVector.broadcast(S, c.oneMinusAlpha());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negLr = FloatVector.broadcast(S, c.negLr());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
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
            // v ← v·⟨α⟩ + (⟨1−α⟩·g)·g
            FloatVector v = FloatVector.fromMemorySegment(S, squareAvg, o, NATIVE).mul(alpha).add(oma.mul(g).mul(g));
            // a ← √v + ⟨eps⟩
            FloatVector a = v.sqrt().add(eps);
            // θ ← θ + (⟨−lr⟩·g) / a
            p = p.add(negLr.mul(g).div(a));
            v.intoMemorySegment(squareAvg, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarRmsprop.plainRangeSegments(param, grad, squareAvg, i, to, c);
    }

    /** {@link #plain} over a long range's whole vectors ({@link StreamingLoop}); returns the element after them. */
    static long plainStreaming(MemorySegment param, MemorySegment grad, MemorySegment squareAvg,
                               long from, long to, RmspropCoefficients c) {
        final FloatVector alpha = FloatVector.broadcast(S, c.alpha()), oma = FloatVector.broadcast(S, c.oneMinusAlpha());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negLr = FloatVector.broadcast(S, c.negLr());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
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
            // v ← v·⟨α⟩ + (⟨1−α⟩·g)·g
            FloatVector v = FloatVector.fromMemorySegment(S, squareAvg, o, NATIVE).mul(alpha).add(oma.mul(g).mul(g));
            // a ← √v + ⟨eps⟩
            FloatVector a = v.sqrt().add(eps);
            // θ ← θ + (⟨−lr⟩·g) / a
            p = p.add(negLr.mul(g).div(a));
            v.intoMemorySegment(squareAvg, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        return StreamingLoop.element(end);
    }

    @Override
    public void centered(MemorySegment param, MemorySegment grad, MemorySegment squareAvg, MemorySegment gradAvg,
                         long from, long to, RmspropCoefficients c) {
        final FloatVector alpha = FloatVector.broadcast(S, c.alpha()), oma = FloatVector.broadcast(S, c.oneMinusAlpha());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negLr = FloatVector.broadcast(S, c.negLr());
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
            // v ← v·⟨α⟩ + (⟨1−α⟩·g)·g
            FloatVector v = FloatVector.fromMemorySegment(S, squareAvg, o, NATIVE).mul(alpha).add(oma.mul(g).mul(g));
            // ḡ ← ḡ·⟨α⟩ + ⟨1−α⟩·g
            FloatVector ga = FloatVector.fromMemorySegment(S, gradAvg, o, NATIVE).mul(alpha).add(oma.mul(g));
            // a ← √(v + (−ḡ)·ḡ) + ⟨eps⟩
            FloatVector a = v.add(ga.neg().mul(ga)).sqrt().add(eps);
            // θ ← θ + (⟨−lr⟩·g) / a
            p = p.add(negLr.mul(g).div(a));
            v.intoMemorySegment(squareAvg, o, NATIVE);
            ga.intoMemorySegment(gradAvg, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarRmsprop.centeredRangeSegments(param, grad, squareAvg, gradAvg, i, to, c);
    }

    @Override
    public void momentum(MemorySegment param, MemorySegment grad, MemorySegment squareAvg, MemorySegment momentum,
                         long from, long to, RmspropCoefficients c) {
        final FloatVector alpha = FloatVector.broadcast(S, c.alpha()), oma = FloatVector.broadcast(S, c.oneMinusAlpha());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negLr = FloatVector.broadcast(S, c.negLr());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay()), mu = FloatVector.broadcast(S, c.momentum());
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
            // v ← v·⟨α⟩ + (⟨1−α⟩·g)·g
            FloatVector v = FloatVector.fromMemorySegment(S, squareAvg, o, NATIVE).mul(alpha).add(oma.mul(g).mul(g));
            // a ← √v + ⟨eps⟩
            FloatVector a = v.sqrt().add(eps);
            // b ← b·⟨μ⟩ + g / a
            FloatVector b = FloatVector.fromMemorySegment(S, momentum, o, NATIVE).mul(mu).add(g.div(a));
            // θ ← θ + ⟨−lr⟩·b
            p = p.add(negLr.mul(b));
            v.intoMemorySegment(squareAvg, o, NATIVE);
            b.intoMemorySegment(momentum, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarRmsprop.momentumRangeSegments(param, grad, squareAvg, momentum, i, to, c);
    }

    @Override
    public void centeredMomentum(MemorySegment param, MemorySegment grad, MemorySegment squareAvg, MemorySegment gradAvg,
                                 MemorySegment momentum, long from, long to, RmspropCoefficients c) {
        final FloatVector alpha = FloatVector.broadcast(S, c.alpha()), oma = FloatVector.broadcast(S, c.oneMinusAlpha());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negLr = FloatVector.broadcast(S, c.negLr());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay()), mu = FloatVector.broadcast(S, c.momentum());
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
            // v ← v·⟨α⟩ + (⟨1−α⟩·g)·g
            FloatVector v = FloatVector.fromMemorySegment(S, squareAvg, o, NATIVE).mul(alpha).add(oma.mul(g).mul(g));
            // ḡ ← ḡ·⟨α⟩ + ⟨1−α⟩·g
            FloatVector ga = FloatVector.fromMemorySegment(S, gradAvg, o, NATIVE).mul(alpha).add(oma.mul(g));
            // a ← √(v + (−ḡ)·ḡ) + ⟨eps⟩
            FloatVector a = v.add(ga.neg().mul(ga)).sqrt().add(eps);
            // b ← b·⟨μ⟩ + g / a
            FloatVector b = FloatVector.fromMemorySegment(S, momentum, o, NATIVE).mul(mu).add(g.div(a));
            // θ ← θ + ⟨−lr⟩·b
            p = p.add(negLr.mul(b));
            v.intoMemorySegment(squareAvg, o, NATIVE);
            ga.intoMemorySegment(gradAvg, o, NATIVE);
            b.intoMemorySegment(momentum, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarRmsprop.centeredMomentumRangeSegments(param, grad, squareAvg, gradAvg, momentum, i, to, c);
    }
}
