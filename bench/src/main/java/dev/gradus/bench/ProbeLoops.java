package dev.gradus.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The streaming loops of the bandwidth probes ({@link ProbeBench} on one thread,
 * {@link ThreadProbeBench} on two): the preferred species with a scalar tail, so the loop itself
 * is never the limit.
 */
final class ProbeLoops {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** The scale of both loops: small, so values stay finite over any number of calls. */
    static final float SCALE = 1e-7f;

    private ProbeLoops() {
    }

    /** STREAM's triad {@code a ← b + s·c} over elements {@code [0, n)}. */
    static void triad(MemorySegment a, MemorySegment b, MemorySegment c, int n) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += S.length()) {
            long o = 4L * i;
            FloatVector vb = FloatVector.fromMemorySegment(S, b, o, ORDER);
            FloatVector vc = FloatVector.fromMemorySegment(S, c, o, ORDER);
            vb.add(vc.mul(SCALE)).intoMemorySegment(a, o, ORDER);
        }
        for (; i < n; i++) {
            a.setAtIndex(ValueLayout.JAVA_FLOAT, i,
                    b.getAtIndex(ValueLayout.JAVA_FLOAT, i) + SCALE * c.getAtIndex(ValueLayout.JAVA_FLOAT, i));
        }
    }

    /** {@code x ← x + s·d} for x in a, b, c, in place, over {@code [0, n)}: Adam's 4-read/3-write pattern. */
    static void copy4r3w(MemorySegment a, MemorySegment b, MemorySegment c, MemorySegment d, int n) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += S.length()) {
            long o = 4L * i;
            FloatVector g = FloatVector.fromMemorySegment(S, d, o, ORDER).mul(SCALE);
            FloatVector.fromMemorySegment(S, a, o, ORDER).add(g).intoMemorySegment(a, o, ORDER);
            FloatVector.fromMemorySegment(S, b, o, ORDER).add(g).intoMemorySegment(b, o, ORDER);
            FloatVector.fromMemorySegment(S, c, o, ORDER).add(g).intoMemorySegment(c, o, ORDER);
        }
        for (; i < n; i++) {
            float g = SCALE * d.getAtIndex(ValueLayout.JAVA_FLOAT, i);
            a.setAtIndex(ValueLayout.JAVA_FLOAT, i, a.getAtIndex(ValueLayout.JAVA_FLOAT, i) + g);
            b.setAtIndex(ValueLayout.JAVA_FLOAT, i, b.getAtIndex(ValueLayout.JAVA_FLOAT, i) + g);
            c.setAtIndex(ValueLayout.JAVA_FLOAT, i, c.getAtIndex(ValueLayout.JAVA_FLOAT, i) + g);
        }
    }

    /**
     * A probe fork's pre-warm: the loop of {@code benchmark} (a {@code .triad} or a
     * {@code .copy4r3w} method) called {@link StepBench#PREWARM_CALLS} times over at most
     * {@link StepBench#PREWARM_ELEMENTS} of {@code n} elements, so C2 compiles it before JMH's warm-up.
     */
    static void prewarm(String benchmark, MemorySegment a, MemorySegment b, MemorySegment c, MemorySegment d, int n) {
        boolean isTriad = benchmark.endsWith(".triad");
        int prefix = Math.min(n, StepBench.PREWARM_ELEMENTS);
        for (int k = 0; k < StepBench.PREWARM_CALLS; k++) {
            if (isTriad) {
                triad(a, b, c, prefix);
            } else {
                copy4r3w(a, b, c, d, prefix);
            }
        }
    }
}
