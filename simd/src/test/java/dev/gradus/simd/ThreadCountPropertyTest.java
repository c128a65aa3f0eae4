package dev.gradus.simd;

import dev.gradus.GradientClip;
import dev.gradus.GradientNoise;
import dev.gradus.Optimizer;
import dev.gradus.ParameterLayout;
import dev.gradus.StepPool;
import dev.gradus.StepReport;
import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.Rule;
import dev.gradus.testing.CatalogEntry;
import dev.gradus.testing.RuleCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

/**
 * A step gives the same bits on any number of threads, for every rule in the catalogue, with
 * clipping (whose norm is a reduction), noise and centralisation: parameters from a few elements to
 * several update chunks and norm chunks, on the heap and off it. And a block of parameters
 * registered from a {@link ParameterLayout}, stepped as one buffer, gives the same bits as the same
 * parameters registered one by one. Every bit is compared, except that all NaNs count as one value.
 */
class ThreadCountPropertyTest {

    private static final StepPool TWO = StepPool.create(2), THREE = StepPool.create(3), FOUR = StepPool.create(4);

    @AfterAll
    static void closePools() {
        TWO.close();
        THREE.close();
        FOUR.close();
    }

    private record Case(CatalogEntry entry, Rule rule, double lr, long seed) {
    }

    private static Gen<Case> cases() {
        return Generate.pick(RuleCatalog.entries()).flatMap(e -> e.rules().zip(e.learningRates(),
                Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE), (r, lr, seed) -> new Case(e, r, lr, seed)));
    }

    @Test
    void everyThreadCountGivesTheSameBits() {
        qt().withExamples(120).forAll(cases()).checkAssert(c -> {
            UpdateKernels k = kernels(c);
            Run one = Run.of(c, Optimizer.Builder::singleThreaded, false, k);
            for (StepPool pool : List.of(TWO, THREE, FOUR)) {
                Run many = Run.of(c, b -> b.pool(pool).parallelThreshold(0), false, k);
                many.assertSameAs(one, c.rule() + " on " + pool.threads() + " threads (seed " + c.seed() + ")");
            }
        });
    }

    @Test
    void aBlockStepsAsItsParametersOneByOne() {
        qt().withExamples(120).forAll(cases()).checkAssert(c -> {
            UpdateKernels k = kernels(c);
            Run separate = Run.of(c, Optimizer.Builder::singleThreaded, false, k);
            Run.of(c, Optimizer.Builder::singleThreaded, true, k).assertSameAs(separate, c.rule() + " as a block (seed " + c.seed() + ")");
            Run.of(c, b -> b.pool(TWO).parallelThreshold(0), true, k)
                    .assertSameAs(separate, c.rule() + " as a block on 2 threads (seed " + c.seed() + ")");
        });
    }

    /**
     * The selected kernels, but the scalar twins for a family whose vector kernel may differ by design
     * (DiffGrad's vector exp): a block moves parameter ends from a scalar tail into vector lanes, and
     * the vector exp gives other bits before C2 compiles it than after (DiffGrad's Javadoc), so two
     * runs in one JVM could differ by JIT state alone.
     */
    private static UpdateKernels kernels(Case c) {
        return c.entry().vectorUlps() == 0 ? Kernels.selected() : Kernels.byName("scalar");
    }

    /** One run of a few steps from the case's seed; everything it generates depends on the seed alone. */
    private record Run(StateSnapshot state, List<StepReport> reports) {

        static Run of(Case c, Consumer<Optimizer.Builder<Rule>> threading, boolean block, UpdateKernels kernels) {
            SplittableRandom r = new SplittableRandom(c.seed());
            var b = Optimizer.builder(c.rule()).learningRate(c.lr()).kernels(kernels);
            switch (r.nextInt(4)) {
                case 0 -> b.clip(GradientClip.norm(0.5 + r.nextDouble() * 50));
                case 1 -> b.clip(GradientClip.infinityNorm(0.5));
                case 2 -> b.clip(GradientClip.value(0.3));
                default -> { }
            }
            if (r.nextInt(4) == 0) {
                b.gradientNoise(GradientNoise.withSeed(r.nextLong()));
            }
            threading.accept(b);
            int count = 1 + r.nextInt(4);
            boolean offHeap = r.nextBoolean();
            ParameterLayout.Builder lb = ParameterLayout.builder();
            for (int p = 0; p < count; p++) {
                int rows = 1 + r.nextInt(4);
                int cols = switch (r.nextInt(3)) {
                    case 0 -> 1 + r.nextInt(80);                       // a few vectors and a tail
                    case 1 -> 4000 + r.nextInt(200);                   // one update chunk, give or take
                    default -> 17000 + r.nextInt(3000);                // several update chunks, past a norm chunk
                };
                lb.add("p" + p, rows, cols);
            }
            ParameterLayout layout = lb.build();
            Map<String, MemorySegment> values = new LinkedHashMap<>(), grads = new LinkedHashMap<>();
            List<StepReport> reports = new ArrayList<>();
            try (Arena arena = Arena.ofShared(); Optimizer opt = b.build()) {
                MemorySegment vb = offHeap ? arena.allocate(layout.bytes(), 64) : MemorySegment.ofArray(new float[(int) layout.size()]);
                MemorySegment gb = offHeap ? arena.allocate(layout.bytes(), 64) : MemorySegment.ofArray(new float[(int) layout.size()]);
                fill(vb, r, 1.0);
                for (String name : layout.names()) {
                    MemorySegment v = layout.view(vb, name), g = layout.view(gb, name);
                    values.put(name, v);
                    grads.put(name, g);
                    if (!block) {
                        opt.register(name, v, g, layout.shape(name));
                    }
                }
                if (block) {
                    opt.register(layout, vb, gb);
                }
                int steps = 1 + r.nextInt(3);
                for (int t = 0; t < steps; t++) {
                    fill(gb, r, 0.1);
                    reports.add(opt.step());
                }
                // NaN as one value (as SIMD ≡ scalar compares): a NaN's sign and payload may differ between a
                // vector lane and a scalar tail, and between interpreted and compiled code.
                return new Run(StateSnapshot.of(opt, values, grads, true), reports);
            }
        }

        private static void fill(MemorySegment s, SplittableRandom r, double scale) {
            for (long i = 0; i < s.byteSize() / Float.BYTES; i++) {
                s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (r.nextGaussian() * scale));
            }
        }

        void assertSameAs(Run expected, String what) {
            state.assertSameAs(expected.state, what);
            assertEquals(expected.reports, reports, what + ": step reports (norms)");
        }
    }
}
