package dev.gradus.simd;

import dev.gradus.kernel.YogiCoefficients;
import dev.gradus.kernel.YogiKernels;
import dev.gradus.reference.ScalarYogi;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Vector twin of {@link ScalarYogi} (spec R15). Where the scalar twin multiplies ⟨−(1−β2)⟩ by σ, this
 * one selects the product from its three values, computed once per call (the same bits). The selection
 * replaced a blend of ±1 followed by the multiplication when, in some JVMs, the compiled loop ran
 * 16M-float steps on native memory at 1.2–1.5× Adam's time; that slow mode has since shown with either
 * form and not at other times ({@code docs/performance-history.md}, "Yogi's slow mode"); session 28 traced
 * it to where C2's unrolled loop lands, which {@link StreamingLoop} (long ranges) avoids.
 */
final class VectorYogi implements YogiKernels {

    static final VectorYogi INSTANCE = new VectorYogi();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorYogi() {
    }

    @Override
    public void yogi(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                     long from, long to, YogiCoefficients c) {
        final long start = StreamingLoop.runs(from, to) ? yogiStreaming(param, grad, m, v, from, to, c) : from;
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector negOmb2 = FloatVector.broadcast(S, c.negOneMinusBeta2()), bc2s = FloatVector.broadcast(S, c.bc2Sqrt());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negStep = FloatVector.broadcast(S, c.negStepSize());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        // ⟨−(1−β2)⟩·σ for σ = +1, −1, +0, each computed once: selecting one is the same product, exactly
        final FloatVector up = negOmb2.mul(1f), down = negOmb2.mul(-1f), flat = negOmb2.mul(0f);
        final boolean l2 = c.l2();
        final boolean unitBc2s = c.bc2Sqrt() == 1f;      // x / 1 = x exactly: from step 16,628 with β2 = 0.999
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
            // q ← g·g
            FloatVector q = g.mul(g);
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE);
            // Δ ← v − q
            FloatVector diff = vi.sub(q);
            // σ ← sign(Δ): +1, −1, or +0 for ±0 and NaN (torch's sign)
            VectorMask<Float> positive = diff.compare(VectorOperators.GT, 0f), negative = diff.compare(VectorOperators.LT, 0f);
            // v ← v + (⟨−(1−β2)⟩·σ)·q
            vi = vi.add(flat.blend(up, positive).blend(down, negative).mul(q));
            // d ← √v / ⟨bc2s⟩ + ⟨eps⟩
            FloatVector d = (unitBc2s ? vi.sqrt() : vi.sqrt().div(bc2s)).add(eps);
            // θ ← θ + (⟨−step⟩·m) / d
            p = p.add(negStep.mul(mi).div(d));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarYogi.yogiRangeSegments(param, grad, m, v, i, to, c);
    }

    /** {@link #yogi} over a long range's whole vectors ({@link StreamingLoop}); returns the element after them. */
    static long yogiStreaming(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                              long from, long to, YogiCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector negOmb2 = FloatVector.broadcast(S, c.negOneMinusBeta2()), bc2s = FloatVector.broadcast(S, c.bc2Sqrt());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negStep = FloatVector.broadcast(S, c.negStepSize());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        // ⟨−(1−β2)⟩·σ for σ = +1, −1, +0, each computed once: selecting one is the same product, exactly
        final FloatVector up = negOmb2.mul(1f), down = negOmb2.mul(-1f), flat = negOmb2.mul(0f);
        final boolean l2 = c.l2();
        final boolean unitBc2s = c.bc2Sqrt() == 1f;      // x / 1 = x exactly: from step 16,628 with β2 = 0.999
        final long end = StreamingLoop.end(from, to);
        for (long h = StreamingLoop.first(from); h < end; h += StreamingLoop.STRIDE) {
            final long o = h >>> StreamingLoop.SHIFT;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // q ← g·g
            FloatVector q = g.mul(g);
            FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE);
            // Δ ← v − q
            FloatVector diff = vi.sub(q);
            // σ ← sign(Δ): +1, −1, or +0 for ±0 and NaN (torch's sign)
            VectorMask<Float> positive = diff.compare(VectorOperators.GT, 0f), negative = diff.compare(VectorOperators.LT, 0f);
            // v ← v + (⟨−(1−β2)⟩·σ)·q
            vi = vi.add(flat.blend(up, positive).blend(down, negative).mul(q));
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
}
