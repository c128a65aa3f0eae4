package dev.gradus.simd;

import dev.gradus.kernel.SwatsCoefficients;
import dev.gradus.kernel.SwatsDots;
import dev.gradus.kernel.SwatsKernels;
import dev.gradus.reference.ScalarSwats;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Vector twin of {@link ScalarSwats} (spec R18).
 *
 * <p><b>The dot products are bitwise those of the scalar reference.</b> The scalar loop adds, for
 * i = from, from+1, …, the float32 product {@code u_i·g_i} to {@code pg} (and {@code u_i·u_i} to
 * {@code pp}), each addition rounded. Here the products are formed lanewise: lane j of {@code u.mul(g)}
 * is the correctly rounded float32 product of the same two floats, so it has the bits of the scalar
 * {@code u*g} (no FMA on either side: Java never contracts, and the vector loop multiplies, stores, then
 * adds). The lanes are stored to a scratch array, a block of {@value #BLOCK} elements at a time, and
 * added to the scalar accumulators one at a time in index order while the next block's element pass
 * runs (the last block's after the loop); the scalar twin's {@code ...Range} then continues the same
 * accumulators over the tail. Each accumulator therefore sees the same operands in the same order with
 * the same roundings as the scalar loop (pg and pp are independent, so interleaving them differently
 * does not matter). The element pass itself is the usual lanewise repetition of the scalar statements.
 *
 * <p>Why one block behind: the two sums are chains of dependent float additions, one addition per
 * element each, so they cannot go faster than one addition's latency per element (two chains over 64K
 * floats alone: 35 µs here). Summed after each block's element pass, the chains and the element work
 * took turns (0.73 ns per element at 64K); fed the previous block's products, one vector's lanes per
 * iteration as straight-line code, the chains run while the divisions and memory traffic of the next
 * block proceed ({@code StepBench}, native, one run: 48.2 → 39.1 µs at 64K with blocks of 1024,
 * 18.1 → 11.4 ms at 16M with blocks of 512). An inner loop for the lanes, or two vectors per
 * iteration, was much slower (C2 then left the segment accesses range-checked and spilled).
 *
 * <p>Why blocks of {@value #BLOCK}: at 16M, where the element pass waits on memory, blocks of 1024
 * overlapped the chains with it hardly at all (16.0–17.1 ms, native, about the bare chains' 9.0 ms plus
 * the 4-read/3-write probe's 8.9 ms); blocks of 512 took 11.2 ms. Over block sizes, native, two forks
 * each ({@code StepBench -p rule=swats -p kernels=vector -p size=65536,16777216 -f 2}), 64K / 16M:
 * 128: 44.4 µs / 12.2 ms; 256: 41.7 / 10.8; 512: 39.5 / 11.2; 1024: 40.3 / 16.0; 4096: 38.9 / 17.2.
 * 512 keeps the in-cache speed of the larger blocks.
 *
 * <p>Why the scalar prologue: the first elements up to a cache line ({@link CacheLines}) run in the
 * scalar twin, which starts the sums, so that the vector loop's accesses do not straddle lines. A
 * {@code float[]}'s data starts 16 bytes into the object; at 16M on {@code float[]} ({@code StepBench
 * -f 2}) 13.7–15.8 ms before, 11.2 ms after (native 11.2 → 10.6 ms, 64K unchanged). Adam's kernel,
 * which does not wait on chains, loses nothing to the misalignment and has no prologue.
 */
final class VectorSwats implements SwatsKernels {

    static final VectorSwats INSTANCE = new VectorSwats();
    private static final VectorSpecies<Float> S = FloatSpecies.SPECIES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** Elements per block of the Adam phase: a multiple of every species length. */
    private static final int BLOCK = 512;
    private static final int LANES = S.length();
    /** Per thread, the products u·g and u·u of this block and of the previous one (no allocation per call). */
    private static final ThreadLocal<float[][]> PRODUCTS = ThreadLocal.withInitial(() -> new float[4][BLOCK]);

    private VectorSwats() {
    }

    @Override
    public SwatsDots adam(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                          long from, long to, SwatsCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negStep = FloatVector.broadcast(S, c.negStepSize());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2();
        final float[][] products = PRODUCTS.get();
        float[] ug = products[0], uu = products[1], prevUg = products[2], prevUu = products[3];
        // the first elements in the scalar twin, so that the vector loop starts on a cache line (CacheLines)
        final long start = Math.min(to, from + CacheLines.elementsToLine(param, from));
        final SwatsDots head = ScalarSwats.adamRangeSegments(param, grad, m, v, from, start, c, 0f, 0f);
        float pg = head.updateDotGrad(), pp = head.updateDotUpdate();
        final long bound = start + S.loopBound(to - start);
        long i = start;
        int prevN = 0;
        while (i < bound) {
            final int n = (int) Math.min(BLOCK, bound - i);
            for (int j = 0; j < n; j += LANES) {
                final long o = (i + j) * Float.BYTES;
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
                // u ← (m/d)·⟨−ss⟩
                FloatVector u = mi.div(d).mul(negStep);
                // θ ← θ + u
                p = p.add(u);
                // pg ← pg + u·g, in index order
                u.mul(g).intoArray(ug, j);      // the products now, the additions during the next block
                // pp ← pp + u·u, in index order
                u.mul(u).intoArray(uu, j);
                mi.intoMemorySegment(m, o, NATIVE);
                vi.intoMemorySegment(v, o, NATIVE);
                p.intoMemorySegment(param, o, NATIVE);
                if (prevN > 0) {                // the previous block's products at the same positions, in index order
                    pg = addLanes(pg, prevUg, j);
                    pp = addLanes(pp, prevUu, j);
                }
            }
            for (int j = n; j < prevN; j++) {  // the rest of them, if this block was shorter
                pg = pg + prevUg[j];
                pp = pp + prevUu[j];
            }
            float[] t = prevUg; prevUg = ug; ug = t;
            t = prevUu; prevUu = uu; uu = t;
            prevN = n;
            i += n;
        }
        for (int j = 0; j < prevN; j++) {      // the last block's sums
            pg = pg + prevUg[j];
            pp = pp + prevUu[j];
        }
        return ScalarSwats.adamRangeSegments(param, grad, m, v, i, to, c, pg, pp);
    }

    /** s + a[j] + a[j+1] + … over one vector's lanes, left to right; straight-line code (no inner loop) for C2. */
    private static float addLanes(float s, float[] a, int j) {
        s = s + a[j]; s = s + a[j + 1]; s = s + a[j + 2]; s = s + a[j + 3];
        if (LANES == 4) return s;
        s = s + a[j + 4]; s = s + a[j + 5]; s = s + a[j + 6]; s = s + a[j + 7];
        if (LANES == 8) return s;
        s = s + a[j + 8]; s = s + a[j + 9]; s = s + a[j + 10]; s = s + a[j + 11];
        s = s + a[j + 12]; s = s + a[j + 13]; s = s + a[j + 14]; s = s + a[j + 15];
        return s;
    }

    @Override
    public SwatsDots amsgrad(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment vMax,
                             long from, long to, SwatsCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negStep = FloatVector.broadcast(S, c.negStepSize());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2();
        final float[][] products = PRODUCTS.get();
        float[] ug = products[0], uu = products[1], prevUg = products[2], prevUu = products[3];
        // the first elements in the scalar twin, so that the vector loop starts on a cache line (CacheLines)
        final long start = Math.min(to, from + CacheLines.elementsToLine(param, from));
        final SwatsDots head = ScalarSwats.amsgradRangeSegments(param, grad, m, v, vMax, from, start, c, 0f, 0f);
        float pg = head.updateDotGrad(), pp = head.updateDotUpdate();
        final long bound = start + S.loopBound(to - start);
        long i = start;
        int prevN = 0;
        while (i < bound) {
            final int n = (int) Math.min(BLOCK, bound - i);
            for (int j = 0; j < n; j += LANES) {
                final long o = (i + j) * Float.BYTES;
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
                // u ← (m/d)·⟨−ss⟩
                FloatVector u = mi.div(d).mul(negStep);
                // θ ← θ + u
                p = p.add(u);
                // pg ← pg + u·g, in index order
                u.mul(g).intoArray(ug, j);      // the products now, the additions during the next block
                // pp ← pp + u·u, in index order
                u.mul(u).intoArray(uu, j);
                mi.intoMemorySegment(m, o, NATIVE);
                vi.intoMemorySegment(v, o, NATIVE);
                vm.intoMemorySegment(vMax, o, NATIVE);
                p.intoMemorySegment(param, o, NATIVE);
                if (prevN > 0) {                // the previous block's products at the same positions, in index order
                    pg = addLanes(pg, prevUg, j);
                    pp = addLanes(pp, prevUu, j);
                }
            }
            for (int j = n; j < prevN; j++) {  // the rest of them, if this block was shorter
                pg = pg + prevUg[j];
                pp = pp + prevUu[j];
            }
            float[] t = prevUg; prevUg = ug; ug = t;
            t = prevUu; prevUu = uu; uu = t;
            prevN = n;
            i += n;
        }
        for (int j = 0; j < prevN; j++) {      // the last block's sums
            pg = pg + prevUg[j];
            pp = pp + prevUu[j];
        }
        return ScalarSwats.amsgradRangeSegments(param, grad, m, v, vMax, i, to, c, pg, pp);
    }

    @Override
    public SwatsDots adamFixedOrder(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                    long from, long to, SwatsCoefficients c) {
        return VectorSwatsFixedOrder.adam(param, grad, m, v, from, to, c);
    }

    @Override
    public SwatsDots amsgradFixedOrder(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                       MemorySegment vMax, long from, long to, SwatsCoefficients c) {
        return VectorSwatsFixedOrder.amsgrad(param, grad, m, v, vMax, from, to, c);
    }

    @Override
    public void sgdFirst(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to, SwatsCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector negLr = FloatVector.broadcast(S, c.negSgdStep()), wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), nesterov = c.nesterov();
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // b ← g
            FloatVector bi = g;
            // u ← g·⟨1−β1⟩
            FloatVector u = g.mul(omb1);
            // u ← u + ⟨β1⟩·b
            if (nesterov) u = u.add(b1.mul(bi));
            // θ ← θ + ⟨−Λ⟩·u
            p = p.add(negLr.mul(u));
            bi.intoMemorySegment(b, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarSwats.sgdFirstRangeSegments(param, grad, b, i, to, c);
    }

    @Override
    public void sgdShrinking(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to, SwatsCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector negLr = FloatVector.broadcast(S, c.negSgdStep()), wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), nesterov = c.nesterov();
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // b ← b·⟨β1⟩ + g
            FloatVector bi = FloatVector.fromMemorySegment(S, b, o, NATIVE).mul(b1).add(g);
            // b ← b·⟨1−β1⟩  (the sources' in-place shrink)
            bi = bi.mul(omb1);
            // b ← b + ⟨β1⟩·b
            if (nesterov) bi = bi.add(b1.mul(bi));
            // θ ← θ + ⟨−Λ⟩·b
            p = p.add(negLr.mul(bi));
            bi.intoMemorySegment(b, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarSwats.sgdShrinkingRangeSegments(param, grad, b, i, to, c);
    }

    @Override
    public void sgd(MemorySegment param, MemorySegment grad, MemorySegment b, long from, long to, SwatsCoefficients c) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1());
        final FloatVector negStep = FloatVector.broadcast(S, c.negSgdStep()), wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), nesterov = c.nesterov();
        final long bound = from + S.loopBound(to - from);
        long i = from;
        for (; i < bound; i += S.length()) {
            final long o = i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // b ← b·⟨β1⟩ + g
            FloatVector bi = FloatVector.fromMemorySegment(S, b, o, NATIVE).mul(b1).add(g);
            // d ← g + ⟨β1⟩·b (nesterov), else d ← b
            FloatVector d = nesterov ? g.add(b1.mul(bi)) : bi;
            // θ ← θ + ⟨−(1−β1)·Λ⟩·d
            p = p.add(negStep.mul(d));
            bi.intoMemorySegment(b, o, NATIVE);
            p.intoMemorySegment(param, o, NATIVE);
        }
        ScalarSwats.sgdRangeSegments(param, grad, b, i, to, c);
    }
}
