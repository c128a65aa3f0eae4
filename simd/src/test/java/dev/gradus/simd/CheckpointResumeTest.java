package dev.gradus.simd;

import dev.gradus.GradientClip;
import dev.gradus.NonFinitePolicy;
import dev.gradus.Optimizer;
import dev.gradus.Schedule;
import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.Rule;
import dev.gradus.schedule.StepDecay;
import dev.gradus.testing.Buffers;
import dev.gradus.testing.CatalogEntry;
import dev.gradus.testing.RuleCatalog;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

/**
 * Resume is exact, for every catalogued rule and wrapper (driven by {@link RuleCatalog#entries()} and
 * each entry's {@code rules()} generator, so a new rule is covered without code): run N steps,
 * save, load into a freshly built optimizer whose parameters hold garbage, run M more steps; every
 * parameter, gradient, slot, scalar state and the step counter equal an uninterrupted N+M run, bit
 * for bit. Random per case: two groups with two rules of the family, N in 0..6, M in 1..6, sizes
 * 0..300 and large odd ones, a matrix parameter (for gradient centralisation), constant, record or
 * lambda learning-rate schedules, clipping, the non-finite policy (skipped steps included), the
 * memory kind of every parameter in every run ({@code float[]} with heap state, heap slices and
 * native segments with off-heap state), file or stream, and the kernels of every run (scalar or
 * SIMD, independently; a rule whose twins differ by design, DiffGrad's exp, crosses kernel sets
 * only for the exact transfer check, its continuation is compared under one kernel set). Floats compare by
 * {@code Float.floatToIntBits} (every NaN one value, as in the rest of the suite). The loaded
 * optimizer also saves exactly the bytes it loaded: the state crosses memory kinds and kernels with
 * every raw bit unchanged.
 */
class CheckpointResumeTest {

    private static final int EXAMPLES = Integer.getInteger("gradus.checkpoint.examples", 25);

    /** Sizes: mostly 0..300, sometimes large and odd (vector loops with scalar tails). */
    private static Gen<Integer> sizes() {
        return Generate.range(0, 300).mix(Generate.pick(List.of(1021, 4099)), 10);
    }

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> resumeIsBitIdenticalToAnUninterruptedRun() {
        List<UpdateKernels> providers = new ArrayList<>(List.of(Kernels.byName("scalar")));
        if (Kernels.unavailableReason("vector").isEmpty()) {
            providers.add(Kernels.byName("vector"));
        }
        return RuleCatalog.entries().stream().map(e -> DynamicTest.dynamicTest(e.family() + " with kernels "
                + providers.stream().map(UpdateKernels::name).toList(), () -> {
            int[] crossed = {0};
            qt().withExamples(EXAMPLES).withShrinkCycles(50)
                    .forAll(e.rules().zip(e.rules(), List::of), e.learningRates(), sizes(),
                            Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE))
                    .checkAssert((rules, lr, n, seed) -> crossed[0] += runCase(e, rules.get(0), rules.get(1), lr, n, seed, providers) ? 1 : 0);
            System.out.println("[gradus] checkpoint resume " + e.family() + ": " + EXAMPLES + " cases, " + crossed[0]
                    + " across kernel sets");
        }));
    }

    /** The configuration every run of one case shares. */
    private record Config(Rule main, Rule second, Schedule lr, double lr2, GradientClip clip, NonFinitePolicy policy) {
        Optimizer build(UpdateKernels kernels) {
            var b = Optimizer.builder(main).learningRate(lr).group("second", second, lr2).nonFinite(policy).kernels(kernels);
            if (clip != null) {
                b.clip(clip);
            }
            return b.build();
        }
    }

    /** One parameter: where it goes and how big it is. */
    private record Spec(String name, String group, int length, int[] shape) {
    }

    /** One run: an optimizer and the memory of its parameters. */
    private static final class Run implements AutoCloseable {
        final Arena arena = Arena.ofConfined();
        final Optimizer opt;
        final Map<String, MemorySegment> values = new LinkedHashMap<>(), grads = new LinkedHashMap<>();

        Run(Config config, UpdateKernels kernels, List<Spec> specs, long valueSeed, SplittableRandom kinds) {
            opt = config.build(kernels);
            SplittableRandom r = new SplittableRandom(valueSeed);
            for (Spec s : specs) {
                Buffers.Kind kind = Buffers.Kind.values()[kinds.nextInt(3)];
                MemorySegment v = Buffers.allocate(kind, s.length(), arena, kinds), g = Buffers.allocate(kind, s.length(), arena, kinds);
                Buffers.fill(v, r, 2);
                if (kind == Buffers.Kind.ARRAY) {                   // float[] registration: heap state
                    opt.group(s.group()).register(s.name(), (float[]) v.heapBase().orElseThrow(), (float[]) g.heapBase().orElseThrow(), s.shape());
                } else {
                    opt.group(s.group()).register(s.name(), v, g, s.shape());
                }
                values.put(s.name(), v);
                grads.put(s.name(), g);
            }
        }

        /** Step calls {@code from} until {@code to} (exclusive), each with the gradients of its call number. */
        void calls(long seed, int special, int from, int to) {
            for (int c = from; c < to; c++) {
                SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (c + 1)));
                for (MemorySegment g : grads.values()) {
                    Buffers.fill(g, r, special);
                }
                opt.step();
            }
        }

        StateSnapshot state(boolean canonicalNaN) {
            return StateSnapshot.of(opt, values, grads, canonicalNaN);
        }

        @Override
        public void close() {
            opt.close();
            arena.close();
        }
    }

    /** One case; returns whether it crossed kernel sets. */
    private boolean runCase(CatalogEntry entry, Rule main, Rule second, double lr, int size, long seed, List<UpdateKernels> providers) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = r.nextInt(7), m = 1 + r.nextInt(6);
        Schedule schedule = switch (r.nextInt(3)) {
            case 0 -> Schedule.constant(lr);
            case 1 -> new StepDecay(lr, 1 + r.nextInt(4), 0.5);
            default -> e -> lr / (1 + e);
        };
        GradientClip clip = switch (r.nextInt(4)) {
            case 0 -> GradientClip.norm(r.nextBoolean() ? 0.5 : 10.0);
            case 1 -> GradientClip.value(1.0);
            default -> null;
        };
        NonFinitePolicy policy = NonFinitePolicy.values()[r.nextInt(3)];
        int special = policy == NonFinitePolicy.THROW ? 0 : r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(3);
        Config config = new Config(main, second, schedule, lr / 2, clip, policy);
        int rows = 1 + r.nextInt(5), cols = r.nextInt(9);
        List<Spec> specs = List.of(
                new Spec("p0", Optimizer.DEFAULT_GROUP, size, new int[0]),
                new Spec("matrix", Optimizer.DEFAULT_GROUP, rows * cols, new int[] {rows, cols}),
                new Spec("p2", "second", 1 + r.nextInt(50), new int[0]));
        // Kernels per run: independent for rules whose twins agree bit for bit. For the others (an
        // exp that differs by design) half the cases cross kernel sets too, but then only the
        // transfer is checked (the bytes after load), not the continuation.
        boolean twins = entry.vectorUlps() == 0 && !entry.differsInParamOnly();
        boolean independent = twins || r.nextBoolean();
        UpdateKernels kRef = providers.get(r.nextInt(providers.size()));
        UpdateKernels kA = independent ? providers.get(r.nextInt(providers.size())) : kRef;
        UpdateKernels kB = independent ? providers.get(r.nextInt(providers.size())) : kRef;
        boolean crossed = kA != kRef || kB != kRef;
        boolean continuationComparable = twins || !crossed;
        long valueSeed = r.nextLong(), gradSeed = r.nextLong();
        boolean viaFile = r.nextBoolean();
        String where = "rule " + main + " / " + second + ", lr " + schedule + ", clip " + clip + ", " + policy + ", N=" + n + ", M=" + m
                + ", size " + size + ", kernels " + kRef.name() + "/" + kA.name() + "/" + kB.name() + (viaFile ? ", file" : ", stream")
                + ", seed " + seed;

        try (Run ref = new Run(config, kRef, specs, valueSeed, new SplittableRandom(r.nextLong()));
             Run a = new Run(config, kA, specs, valueSeed, new SplittableRandom(r.nextLong()));
             Run b = new Run(config, kB, specs, ~valueSeed, new SplittableRandom(r.nextLong()))) {
            ref.calls(gradSeed, special, 0, n + m);
            a.calls(gradSeed, special, 0, n);
            byte[] saved = save(a.opt);
            if (viaFile) {
                Path file = dir.resolve("resume.ckpt");
                a.opt.save(file);
                assertArrayEquals(saved, Files.readAllBytes(file), where + ": file and stream hold the same bytes");
                b.opt.load(file);
            } else {
                b.opt.load(new ByteArrayInputStream(saved));
            }
            assertArrayEquals(saved, save(b.opt), where + ": the loaded optimizer saves the bytes it loaded");
            assertEquals(a.opt.stepCount(), b.opt.stepCount(), where);
            b.calls(gradSeed, special, n, n + m);
            if (!continuationComparable) {
                return crossed;
            }
            // NaNs compare as one value, as everywhere in this suite (Bits): the kernels do not promise a
            // NaN's sign or payload. The bytes above show that the checkpoint itself keeps them raw.
            String d = b.state(true).differenceFrom(ref.state(true));
            if (d != null) {
                throw new AssertionError(where + ": after resuming, " + d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return crossed;
    }

    private static byte[] save(Optimizer opt) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        opt.save(out);
        return out.toByteArray();
    }
}
