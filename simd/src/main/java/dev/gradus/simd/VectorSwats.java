package dev.gradus.simd;

import dev.gradus.kernel.SwatsCoefficients;
import dev.gradus.kernel.SwatsKernels;
import dev.gradus.reference.ScalarSwats;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
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
 * adds). The products are stored, and the sums take them in index order by one of two paths below, each
 * with the loop's bits; the scalar twin's {@code ...Range} then continues the same accumulators over the
 * tail. The element pass itself is the usual lanewise repetition of the scalar statements.
 *
 * <p><b>Blocks in whole units (tried first).</b> While a float sum stays inside one binade, each addition
 * adds a whole number of the sum's ulps, whatever came before ({@link IndexOrderSum}), so a block's
 * additions can be formed lanewise and added as integers, exactly, with no chain of dependent additions.
 * The range runs in blocks of {@value #BLOCK}: one loop does the element pass of a block in one stage and
 * beside it turns each vector's products into whole units of {@code pg}'s and {@code pp}'s ulps (the
 * accumulators are known: the block before was settled), storing the products to a per-thread scratch as
 * well; after it {@link IndexOrderSum#settle} adds the units, or, where the premise fails (the sum crosses
 * a power of two, a term is a tie), retries the block from the scratch in chunks of 64 and adds the
 * failing chunks in the plain loop. Zen 5, {@code StepBench -p rule=swats} (whose sums grow steadily),
 * session 30, two forks: 64K 25.3 / 24.9 µs ({@code float[]} / native)
 * against the three stages' 34.6 / 32.7 µs and the bare chains' 31.8 ({@code SwatsSumsBench}); 1M 358 /
 * 375 µs; 16M 6.7 / 6.7 ms, 6.5–6.9 in every fork of 24 code layouts, where the probe takes 6.1–6.5. Summed in a
 * pass of their own after each block, the whole units took 26–28 µs at 64K and 9.6–10.7 ms at 16M: with
 * nothing else to do, the memory streams stalled. Where more than a
 * quarter of the chunks so far took the loop (terms of mixed signs whose sum stays small against them:
 * every chunk fails), the rest of the range goes to the three stages below, whose chains
 * run beside the element pass.
 *
 * <p><b>The three stages.</b> The products are stored to a ring of the last 1024 elements' and added to
 * the scalar accumulators one at a time in index order {@value #LAG} elements later, while the element
 * pass runs ahead (the last {@value #LAG} elements' products after the loop). Each accumulator therefore
 * sees the same operands in the same order with the same roundings as the scalar loop (pg and pp are
 * independent, so interleaving them differently does not matter).
 *
 * <p>Why the sums run behind (in the three stages): they are chains of dependent float additions, one addition per element
 * each, so they cannot go faster than one addition's latency per element ({@code SwatsSumsBench}: the
 * two chains over 64K floats alone take 33–36 µs here). Summed after each block's element pass, the
 * chains and the element work took turns (0.73 ns per element at 64K); fed products computed earlier,
 * one vector's lanes per iteration as straight-line code, the chains run while the divisions and
 * memory traffic of later elements proceed (48.2 → 39–42 µs at 64K, session 8).
 *
 * <p>Why three stages: the element pass of one vector is a long dependent sequence (loads, m and v, the
 * square root, the division, the products), and with the chains filling the out-of-order window it
 * did not finish in the shadow of the additions (a profile showed the loop waiting on the division).
 * So each iteration runs stage A (loads, m, v, their stores) of vector k, stage B (d = √v + ε) of
 * vector k−1 and stage C (u, θ, the products) of vector k−2: each stage's inputs are ready a vector
 * earlier (on Zen 5 with 512-bit vectors; the figures that follow are from there). {@code StepBench}, one run, three forks: 64K 37.7 / 37.5 µs ({@code float[]} / native)
 * against the bare chains' 35.1 µs, where the blocks of 512 of session 11 (one stage, a whole block
 * behind) took 42.6 / 41.2 µs against 35.7 in another run. Two stages (A and B together, within the
 * blocks) gave 41.2 / 38.9 µs. A lag of 256, 512 or 768 elements made no difference beyond the noise
 * (64K 37.5–38.8 µs, 16M 10.6–12.2 ms). The chains' additions are written out in the loop: with the
 * longer loop body C2 stopped inlining a helper method there, and the call spilled every vector
 * register (75 µs at 64K).
 *
 * <p>Why stages B and C read their inputs again: they once carried them in registers from stage A
 * (θ, g, m and v of two vectors), and with 256-bit vectors (AVX2: 16 registers) C2 then kept the two
 * float sums out of the vector registers, one in a general register (two moves on each addition
 * chain per iteration) and one on the stack (a store and a reload), which lengthened the chains that
 * set the pace. Now stage B loads v (or vMax) and stage C loads θ, g and m from memory, which still
 * hold the values stage A read or wrote (θ is written in stage C), and applies the weight decay to g
 * again: the same operations on the same floats, so the same bits, and only d = √v + ε crosses
 * iterations. Zen 3, {@code StepBench -f 3} at 64K: 89.7 / 87.5 µs ({@code float[]} / native) before,
 * 70.2 / 68.8 µs after, beside the bare chains' 62.6 µs; the perfasm profile shows the sums in vector
 * registers. Stage A is written out twice (filling the pipeline, the loop) and stage C three times (the
 * loop, draining): one loop from the first vector to two past the last, each stage under a condition,
 * took 175–186 µs at 64K against 68–79 µs (Zen 3, one fork each, alternating builds).
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
    private static final VectorSpecies<Integer> I = S.withLanes(int.class);
    private static final int LANES = S.length();
    /** Elements between a vector's products and their addition to the sums: a multiple of every species length, at least two vectors (stage C stores a vector's products two iterations after its stage A), at most the ring's 1024. */
    private static final int LAG = 512;
    private static final int RING_MASK = 1023;
    /** Elements a block, whose sums are settled in whole units after its loop; a multiple of every species length and of {@link IndexOrderSum#CHUNK}. */
    private static final int BLOCK = 512;
    /**
     * Looped chunks allowed beyond a quarter of those tried before the rest goes to the three stages. A steadily
     * growing sum refuses chunks in its first blocks, until it outgrows its terms, and wherever it doubles: up to 21
     * in the first 1,536 elements of the tests' steady sums (terms over four binades), where 8 handed them over.
     */
    private static final int GRACE = 32;
    /** Where a block's u·u products start in the scratch, after its u·g products. */
    private static final int UU = BLOCK;
    /**
     * Where within 256 bytes the blocks after the first start (θ's address): on a multiple of 256 the 16M step took
     * 9.0–9.8 ms, 128 bytes past one 6.3–6.9 (as 64 or 192 past), native memory at every page offset tried (history,
     * session 30). The first block is shortened to get there.
     */
    private static final long BLOCK_PHASE = 128, PHASE_PERIOD = 256;
    /** Per thread, no allocation per call. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * {@code x}: a block's products u·g, then its u·u from {@link #UU}, where the whole units refused it; the rings: the
     * three stages' products of the last 1024 elements at (element − start) mod 1024; the count of looped chunks; the
     * totals and worst errors of a block's whole units; where the three stages took over.
     */
    private static final class Scratch {
        final float[] x = new float[2 * BLOCK];
        final float[] ugRing = new float[RING_MASK + 1], uuRing = new float[RING_MASK + 1];
        final int[] looped = new int[1], worst = new int[2];
        long threeStagesFrom;
        final float[] totals = new float[3];
    }

    private VectorSwats() {
    }

    /** For tests: where the three stages took over in the calling thread's last Adam- or AMSGrad-phase call (past the last whole vector if they did not). */
    static long threeStagesFrom() {
        return SCRATCH.get().threeStagesFrom;
    }

    @Override
    public void adam(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                     long from, long to, SwatsCoefficients c, double[] sums, int at) {
        SwatsKernels.checkSums(sums, at);
        pipeline(param, grad, m, v, null, from, to, c, sums, at);
    }

    @Override
    public void amsgrad(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment vMax,
                        long from, long to, SwatsCoefficients c, double[] sums, int at) {
        SwatsKernels.checkSums(sums, at);
        pipeline(param, grad, m, v, vMax, from, to, c, sums, at);
    }

    /**
     * The Adam phase ({@code vMax} null) or the AMSGrad phase: blocks whose sums are settled in whole units while
     * that pays, then the three stages described above for the rest.
     */
    private static void pipeline(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                 MemorySegment vMax, long from, long to, SwatsCoefficients c, double[] sums, int at) {
        final Scratch scratch = SCRATCH.get();
        final long start = toLine(param, grad, m, v, vMax, from, to, c, sums, at);
        float pg = (float) sums[at], pp = (float) sums[at + 1];    // float sums, widened exactly
        final long whole = start + S.loopBound(to - start);
        final float[] x = scratch.x;
        final int[] looped = scratch.looped;
        final float[] t = scratch.totals;
        final int[] w = scratch.worst;
        looped[0] = 0;
        // whole blocks, each summed in whole units after its element pass (in chunks from its stored products where they
        // refuse); the first one shorter, so that the others start BLOCK_PHASE past a multiple of PHASE_PERIOD bytes
        long block = start;
        boolean chains = false;
        final int shorter = (int) (Math.floorMod(CacheLines.bytesPast(param, start, PHASE_PERIOD) - BLOCK_PHASE, PHASE_PERIOD) / Float.BYTES);
        // whole vectors: past the prologue θ starts on a line, unless its floats are not 4-byte aligned
        int size = BLOCK - (shorter - shorter % LANES);
        while (block + size <= whole) {
            products(param, grad, m, v, vMax, block, block + size, c, scratch, pg, pp);
            pg = IndexOrderSum.settle(pg, w[0], t[0], t[1], x, 0, size, looped);
            pp = IndexOrderSum.settle(pp, w[1], t[2], t[2], x, UU, size, looped);
            block += size;
            size = BLOCK;
            // more than a quarter of the chunks so far took the loop (beyond GRACE, a sum's first blocks): the rest
            // in the three stages, whose chains run beside the element pass
            if (looped[0] > (int) ((block - start) / IndexOrderSum.CHUNK) / 2 + GRACE) {
                chains = true;
                break;
            }
        }
        if (!chains && block < whole) {     // the vectors after the last whole block
            final int len = (int) (whole - block);
            products(param, grad, m, v, vMax, block, whole, c, scratch, pg, pp);
            pg = IndexOrderSum.add(pg, x, 0, len, looped);
            pp = IndexOrderSum.add(pp, x, UU, len, looped);
            block = whole;
        }
        scratch.threeStagesFrom = block;
        chained(param, grad, m, v, vMax, block, to, c, pg, pp, sums, at, scratch);
    }

    /** For tests: [from, to) in the three stages alone, as {@link #adam} or {@link #amsgrad} ({@code vMax} non-null). */
    static void threeStages(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment vMax,
                            long from, long to, SwatsCoefficients c, double[] sums, int at) {
        SwatsKernels.checkSums(sums, at);
        final long start = toLine(param, grad, m, v, vMax, from, to, c, sums, at);
        chained(param, grad, m, v, vMax, start, to, c, (float) sums[at], (float) sums[at + 1], sums, at, SCRATCH.get());
    }

    /**
     * The first elements in the scalar twin, so that the vector loops start on a cache line ({@link CacheLines}):
     * returns where they start, with the sums so far in {@code sums[at]} and {@code sums[at + 1]} (0 if none).
     */
    private static long toLine(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment vMax,
                               long from, long to, SwatsCoefficients c, double[] sums, int at) {
        final long start = Math.min(to, from + CacheLines.elementsToLine(param, from));
        scalar(param, grad, m, v, vMax, from, start, c, 0f, 0f, sums, at);
        return start;
    }

    /**
     * The element pass over [from, to) (whole vectors) in one stage: θ, m, v (and vMax) written, each element's
     * products u·g and u·u stored at the scratch's 0 and {@link #UU} (for a block the whole units refuse), and beside
     * it the products as whole units (IndexOrderSum) of {@code pg}'s and {@code pp}'s ulps: their sums, the sum of pg's
     * magnitudes and the largest rounding errors, into the scratch's totals and worst, for
     * {@link IndexOrderSum#settle}. A vector's units are formed in the next iteration, from registers: formed at
     * once, their operations waited on the division and filled the scheduler (64K 33.5 / 28.7 µs against 25.3 / 24.9);
     * formed a block later from the scratch, as until session 30, the loads raced the streams' pending stores and the
     * scratch's place in the heap set the speed at 16M (6.8 to 14.2 ms in one JVM as it moved; history, session 30).
     * The stores keep the loop too long for C2 to unroll; unrolled (the products not stored) it ran at 16M at 8.5–9.5
     * ms against 6.7.
     */
    private static void products(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                 MemorySegment vMax, long from, long to, SwatsCoefficients c, Scratch scratch,
                                 float pg, float pp) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negStep = FloatVector.broadcast(S, c.negStepSize());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final FloatVector toPg = FloatVector.broadcast(S, IndexOrderSum.toUnits(pg));
        final FloatVector toPp = FloatVector.broadcast(S, IndexOrderSum.toUnits(pp));
        final FloatVector rounder = FloatVector.broadcast(S, IndexOrderSum.ROUNDER);
        final boolean l2 = c.l2(), amsgrad = vMax != null;
        final float[] x = scratch.x;
        FloatVector sumPg = FloatVector.zero(S), absPg = sumPg, sumPp = sumPg, ugBefore = sumPg, uuBefore = sumPg;
        IntVector worstPg = IntVector.zero(I), worstPp = worstPg;
        for (long e = from; e < to; e += LANES) {
            final long o = e * Float.BYTES;
            final int r = (int) (e - from);
            FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
            FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) g = g.add(wd.mul(p));
            // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
            final FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
            // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
            final FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
            mi.intoMemorySegment(m, o, NATIVE);
            vi.intoMemorySegment(v, o, NATIVE);
            FloatVector vd = vi;
            if (amsgrad) {
                // vMax ← max(vMax, v)
                vd = FloatVector.fromMemorySegment(S, vMax, o, NATIVE).max(vi);
                vd.intoMemorySegment(vMax, o, NATIVE);
            }
            // d ← √v + ⟨eps⟩  (√vMax with AMSGrad)
            final FloatVector d = vd.sqrt().add(eps);
            // u ← (m/d)·⟨−ss⟩
            final FloatVector u = mi.div(d).mul(negStep);
            // θ ← θ + u
            p.add(u).intoMemorySegment(param, o, NATIVE);
            // pg ← pg + u·g, in index order (the product now, its addition in whole units below or in the scratch)
            final FloatVector ug = u.mul(g);
            ug.intoArray(x, r);
            // pp ← pp + u·u, in index order
            final FloatVector uu = u.mul(u);
            uu.intoArray(x, UU + r);
            // the vector before's products (zeros before the first) as n = rint(x/G) units of the sums' ulps, and |x/G − n| as bits
            final FloatVector yg = ugBefore.mul(toPg), yp = uuBefore.mul(toPp);
            final FloatVector ng = yg.add(rounder).sub(rounder), np = yp.add(rounder).sub(rounder);
            worstPg = worstPg.max(yg.sub(ng).abs().reinterpretAsInts());
            worstPp = worstPp.max(yp.sub(np).abs().reinterpretAsInts());
            sumPg = sumPg.add(ng);
            absPg = absPg.add(ng.abs());
            sumPp = sumPp.add(np);      // u·u ≥ 0 (or NaN, refused): its n are their own magnitudes
            ugBefore = ug;
            uuBefore = uu;
        }
        // the last vector's products in whole units, as in the loop
        final FloatVector yg = ugBefore.mul(toPg), yp = uuBefore.mul(toPp);
        final FloatVector ng = yg.add(rounder).sub(rounder), np = yp.add(rounder).sub(rounder);
        worstPg = worstPg.max(yg.sub(ng).abs().reinterpretAsInts());
        worstPp = worstPp.max(yp.sub(np).abs().reinterpretAsInts());
        sumPg = sumPg.add(ng);
        absPg = absPg.add(ng.abs());
        sumPp = sumPp.add(np);
        final float[] t = scratch.totals;
        t[0] = sumPg.reduceLanes(VectorOperators.ADD);
        t[1] = absPg.reduceLanes(VectorOperators.ADD);
        t[2] = sumPp.reduceLanes(VectorOperators.ADD);
        scratch.worst[0] = worstPg.reduceLanes(VectorOperators.MAX);
        scratch.worst[1] = worstPp.reduceLanes(VectorOperators.MAX);
    }

    /** [start, to) in the three stages described above, continuing the sums {@code pg} and {@code pp}. */
    private static void chained(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment vMax,
                                long start, long to, SwatsCoefficients c, float pg, float pp, double[] sums, int at, Scratch scratch) {
        final FloatVector b1 = FloatVector.broadcast(S, c.beta1()), omb1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        final FloatVector b2 = FloatVector.broadcast(S, c.beta2()), omb2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        final FloatVector eps = FloatVector.broadcast(S, c.eps()), negStep = FloatVector.broadcast(S, c.negStepSize());
        final FloatVector wd = FloatVector.broadcast(S, c.weightDecay());
        final boolean l2 = c.l2(), amsgrad = vMax != null;
        final float[] ugRing = scratch.ugRing, uuRing = scratch.uuRing;
        final long whole = start + S.loopBound(to - start);
        final long bound = whole - start >= 2L * LANES ? whole : start;    // the pipeline needs two vectors
        if (bound > start) {
            final MemorySegment vd = amsgrad ? vMax : v;    // stage B's v is vMax with AMSGrad
            // filling the pipeline: stage A of the first two vectors, stage B of the first
            for (long e = start; e < start + 2L * LANES; e += LANES) {
                final long o = e * Float.BYTES;
                FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
                FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
                // g ← g + ⟨λ⟩·θ
                if (l2) g = g.add(wd.mul(p));
                // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
                FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
                // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
                FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
                mi.intoMemorySegment(m, o, NATIVE);
                vi.intoMemorySegment(v, o, NATIVE);
                if (amsgrad) {
                    // vMax ← max(vMax, v)
                    FloatVector.fromMemorySegment(S, vMax, o, NATIVE).max(vi).intoMemorySegment(vMax, o, NATIVE);
                }
            }
            // d ← √v + ⟨eps⟩  (√vMax with AMSGrad)
            FloatVector d1 = FloatVector.fromMemorySegment(S, vd, start * Float.BYTES, NATIVE).sqrt().add(eps);
            for (long e = start + 2L * LANES; e < bound; e += LANES) {
                // stage A of the vector at e
                final long o = e * Float.BYTES;
                FloatVector p = FloatVector.fromMemorySegment(S, param, o, NATIVE);
                FloatVector g = FloatVector.fromMemorySegment(S, grad, o, NATIVE);
                // g ← g + ⟨λ⟩·θ
                if (l2) g = g.add(wd.mul(p));
                // m ← m·⟨β1⟩ + ⟨1−β1⟩·g
                FloatVector mi = FloatVector.fromMemorySegment(S, m, o, NATIVE).mul(b1).add(omb1.mul(g));
                // v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
                FloatVector vi = FloatVector.fromMemorySegment(S, v, o, NATIVE).mul(b2).add(omb2.mul(g).mul(g));
                mi.intoMemorySegment(m, o, NATIVE);
                vi.intoMemorySegment(v, o, NATIVE);
                if (amsgrad) {
                    // vMax ← max(vMax, v)
                    FloatVector.fromMemorySegment(S, vMax, o, NATIVE).max(vi).intoMemorySegment(vMax, o, NATIVE);
                }
                // stage B of the vector at e − LANES
                // d ← √v + ⟨eps⟩  (√vMax with AMSGrad)
                final FloatVector d2 = FloatVector.fromMemorySegment(S, vd, o - (long) LANES * Float.BYTES, NATIVE).sqrt().add(eps);
                // stage C of the vector at e1 = e − 2·LANES, its products at ring slot r1
                final long e1 = e - 2L * LANES;
                final int r1 = (int) (e1 - start) & RING_MASK;
                final long oc = e1 * Float.BYTES;
                FloatVector pc = FloatVector.fromMemorySegment(S, param, oc, NATIVE);
                FloatVector gc = FloatVector.fromMemorySegment(S, grad, oc, NATIVE);
                // g ← g + ⟨λ⟩·θ
                if (l2) gc = gc.add(wd.mul(pc));
                // u ← (m/d)·⟨−ss⟩
                final FloatVector u = FloatVector.fromMemorySegment(S, m, oc, NATIVE).div(d1).mul(negStep);
                // θ ← θ + u
                pc = pc.add(u);
                // pg ← pg + u·g, in index order (the product now, the addition LAG elements later)
                u.mul(gc).intoArray(ugRing, r1);
                // pp ← pp + u·u, in index order
                u.mul(u).intoArray(uuRing, r1);
                pc.intoMemorySegment(param, oc, NATIVE);
                if (e - LAG >= start) {    // the products of the vector at e − LAG, in index order
                    final int q = (int) (e - LAG - start) & RING_MASK;
                    pg = pg + ugRing[q + 0]; pp = pp + uuRing[q + 0];
                    pg = pg + ugRing[q + 1]; pp = pp + uuRing[q + 1];
                    pg = pg + ugRing[q + 2]; pp = pp + uuRing[q + 2];
                    pg = pg + ugRing[q + 3]; pp = pp + uuRing[q + 3];
                    if (LANES > 4) {
                        pg = pg + ugRing[q + 4]; pp = pp + uuRing[q + 4];
                        pg = pg + ugRing[q + 5]; pp = pp + uuRing[q + 5];
                        pg = pg + ugRing[q + 6]; pp = pp + uuRing[q + 6];
                        pg = pg + ugRing[q + 7]; pp = pp + uuRing[q + 7];
                        if (LANES > 8) {
                            pg = pg + ugRing[q + 8]; pp = pp + uuRing[q + 8];
                            pg = pg + ugRing[q + 9]; pp = pp + uuRing[q + 9];
                            pg = pg + ugRing[q + 10]; pp = pp + uuRing[q + 10];
                            pg = pg + ugRing[q + 11]; pp = pp + uuRing[q + 11];
                            pg = pg + ugRing[q + 12]; pp = pp + uuRing[q + 12];
                            pg = pg + ugRing[q + 13]; pp = pp + uuRing[q + 13];
                            pg = pg + ugRing[q + 14]; pp = pp + uuRing[q + 14];
                            pg = pg + ugRing[q + 15]; pp = pp + uuRing[q + 15];
                        }
                    }
                }
                d1 = d2;
            }
            // draining it: stage B of the last vector, stage C of the last two, the last LAG elements' sums
            final long e1 = bound - 2L * LANES, e2 = bound - LANES;
            final int r1 = (int) (e1 - start) & RING_MASK, r2 = (int) (e2 - start) & RING_MASK;
            // d ← √v + ⟨eps⟩  (√vMax with AMSGrad)
            final FloatVector d2 = FloatVector.fromMemorySegment(S, vd, e2 * Float.BYTES, NATIVE).sqrt().add(eps);
            final long oc1 = e1 * Float.BYTES;
            FloatVector pc1 = FloatVector.fromMemorySegment(S, param, oc1, NATIVE);
            FloatVector gc1 = FloatVector.fromMemorySegment(S, grad, oc1, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) gc1 = gc1.add(wd.mul(pc1));
            // u ← (m/d)·⟨−ss⟩
            final FloatVector u1 = FloatVector.fromMemorySegment(S, m, oc1, NATIVE).div(d1).mul(negStep);
            // θ ← θ + u
            pc1 = pc1.add(u1);
            // pg ← pg + u·g, in index order (the product now, the addition LAG elements later)
            u1.mul(gc1).intoArray(ugRing, r1);
            // pp ← pp + u·u, in index order
            u1.mul(u1).intoArray(uuRing, r1);
            pc1.intoMemorySegment(param, oc1, NATIVE);
            final long oc2 = e2 * Float.BYTES;
            FloatVector pc2 = FloatVector.fromMemorySegment(S, param, oc2, NATIVE);
            FloatVector gc2 = FloatVector.fromMemorySegment(S, grad, oc2, NATIVE);
            // g ← g + ⟨λ⟩·θ
            if (l2) gc2 = gc2.add(wd.mul(pc2));
            // u ← (m/d)·⟨−ss⟩
            final FloatVector u2 = FloatVector.fromMemorySegment(S, m, oc2, NATIVE).div(d2).mul(negStep);
            // θ ← θ + u
            pc2 = pc2.add(u2);
            // pg ← pg + u·g, in index order (the product now, the addition LAG elements later)
            u2.mul(gc2).intoArray(ugRing, r2);
            // pp ← pp + u·u, in index order
            u2.mul(u2).intoArray(uuRing, r2);
            pc2.intoMemorySegment(param, oc2, NATIVE);
            for (long k = Math.max(start, bound - LAG); k < bound; k++) {
                final int r = (int) (k - start) & RING_MASK;
                pg = pg + ugRing[r];
                pp = pp + uuRing[r];
            }
        }
        scalar(param, grad, m, v, vMax, bound, to, c, pg, pp, sums, at);
    }

    /** The scalar twin over [from, to), continuing the sums: its Adam or AMSGrad phase. */
    private static void scalar(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                               MemorySegment vMax, long from, long to, SwatsCoefficients c, float pg, float pp, double[] sums, int at) {
        if (vMax == null) {
            ScalarSwats.adamRangeSegments(param, grad, m, v, from, to, c, pg, pp, sums, at);
        } else {
            ScalarSwats.amsgradRangeSegments(param, grad, m, v, vMax, from, to, c, pg, pp, sums, at);
        }
    }

    @Override
    public void adamFixedOrder(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                               long from, long to, SwatsCoefficients c, double[] sums, int at) {
        SwatsKernels.checkSums(sums, at);
        VectorSwatsFixedOrder.adam(param, grad, m, v, from, to, c, sums, at);
    }

    @Override
    public void amsgradFixedOrder(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v,
                                  MemorySegment vMax, long from, long to, SwatsCoefficients c, double[] sums, int at) {
        SwatsKernels.checkSums(sums, at);
        VectorSwatsFixedOrder.amsgrad(param, grad, m, v, vMax, from, to, c, sums, at);
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
