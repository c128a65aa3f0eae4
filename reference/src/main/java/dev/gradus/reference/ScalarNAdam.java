package dev.gradus.reference;

import dev.gradus.kernel.NAdamCoefficients;
import dev.gradus.kernel.NAdamKernels;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/** NAdam, plain loops (spec R10). The vector twin in gradus-simd repeats these statements. */
public final class ScalarNAdam implements NAdamKernels {

    static final ScalarNAdam INSTANCE = new ScalarNAdam();

    private ScalarNAdam() {
    }

    @Override
    public void nadam(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                      long from, long to, NAdamCoefficients c) {
        nadamRange(param, grad, m, v, from, to, c);
    }

    /** Heap {@code float[]} buffers as arrays, others as segments ({@link HeapFloats}). */
    public static void nadamRange(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                  long from, long to, NAdamCoefficients c) {
        if (from < to && HeapFloats.of(param, grad, m, v)) {
            nadamRangeArrays(param, grad, m, v, from, to, c);
        } else {
            nadamRangeSegments(param, grad, m, v, from, to, c);
        }
    }

    /** {@code nadamRange} over heap arrays ({@link HeapFloats}). */
    private static void nadamRangeArrays(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, long from,
            long to, NAdamCoefficients c) {
        final float[] paramA = HeapFloats.array(param), gradA = HeapFloats.array(grad), mA = HeapFloats.array(m),
                vA = HeapFloats.array(v);
        final int paramAt = HeapFloats.base(param), gradAt = HeapFloats.base(grad), mAt = HeapFloats.base(m),
                vAt = HeapFloats.base(v), start = (int) from, end = (int) to;
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float bc2 = c.bc2(), eps = c.eps(), cg = c.gradCoef(), cm = c.momentumCoef();
        final float wd = c.weightDecay(), decay = c.decay();
        final boolean l2 = c.l2(), decoupled = c.decoupled();
        for (int i = start; i < end; i++) {
            float p = paramA[paramAt + i];
            float g = gradA[gradAt + i];
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p * decay;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = mA[mAt + i] * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = vA[vAt + i] * b2 + (omb2 * g) * g;
            // d ← √(v / ⟨bc2⟩) + ⟨eps⟩
            float d = (float) Math.sqrt(vi / bc2) + eps;
            // θ ← θ + (⟨c_g⟩·g) / d
            p = p + (cg * g) / d;
            // θ ← θ + (⟨c_m⟩·m) / d
            p = p + (cm * mi) / d;
            mA[mAt + i] = mi;
            vA[vAt + i] = vi;
            paramA[paramAt + i] = p;
        }
    }

    /** {@code nadamRange} over segments; also the vector twin's tail (see {@link HeapFloats}). */
    public static void nadamRangeSegments(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, long from,
            long to, NAdamCoefficients c) {
        final float b1 = c.beta1(), omb1 = c.oneMinusBeta1(), b2 = c.beta2(), omb2 = c.oneMinusBeta2();
        final float bc2 = c.bc2(), eps = c.eps(), cg = c.gradCoef(), cm = c.momentumCoef();
        final float wd = c.weightDecay(), decay = c.decay();
        final boolean l2 = c.l2(), decoupled = c.decoupled();
        for (long i = from; i < to; i++) {
            float p = param.getAtIndex(JAVA_FLOAT, i);
            float g = grad.getAtIndex(JAVA_FLOAT, i);
            // θ ← θ·⟨1 − lr·λ⟩
            if (decoupled) p = p * decay;
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g + wd * p;
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            float mi = m.getAtIndex(JAVA_FLOAT, i) * b1 + omb1 * g;
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            float vi = v.getAtIndex(JAVA_FLOAT, i) * b2 + (omb2 * g) * g;
            // d ← √(v / ⟨bc2⟩) + ⟨eps⟩
            float d = (float) Math.sqrt(vi / bc2) + eps;
            // θ ← θ + (⟨c_g⟩·g) / d
            p = p + (cg * g) / d;
            // θ ← θ + (⟨c_m⟩·m) / d
            p = p + (cm * mi) / d;
            m.setAtIndex(JAVA_FLOAT, i, mi);
            v.setAtIndex(JAVA_FLOAT, i, vi);
            param.setAtIndex(JAVA_FLOAT, i, p);
        }
    }
}
