package dev.gradus.simd;

import dev.gradus.GradientClip;
import dev.gradus.NonFinitePolicy;
import dev.gradus.Optimizer;
import dev.gradus.rules.Adam;
import dev.gradus.rules.Lookahead;
import dev.gradus.rules.NAdam;
import dev.gradus.schedule.StepDecay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A small optimizer with every kind of state for the checkpoint tests: two groups (AMSGrad Adam
 * with a step-decay schedule; Lookahead around NAdam, whose μ-product is group scalar state),
 * norm clipping, the skip-step policy, and parameters on the heap ({@code w}, {@code c}) and
 * off-heap ({@code b}, a 3×5 matrix in the second group).
 */
final class CheckpointRig implements AutoCloseable {

    static final String BIASES = "biases";

    final Arena arena = Arena.ofShared();
    final Optimizer opt;
    final Map<String, MemorySegment> values = new LinkedHashMap<>();
    final Map<String, MemorySegment> grads = new LinkedHashMap<>();

    /** The standard configuration. */
    static Optimizer.Builder<Adam> standard() {
        return Optimizer.builder(Adam.adam().withAmsgrad(true)).learningRate(new StepDecay(0.01, 2, 0.5))
                .group(BIASES, Lookahead.around(NAdam.nadam()), g -> g.learningRate(0.02))
                .clip(GradientClip.norm(5.0)).nonFinite(NonFinitePolicy.SKIP_STEP);
    }

    /** The standard configuration and parameters. */
    CheckpointRig() {
        this(standard().build(), UnaryOperator.identity());
    }

    /** {@code opt} with the standard parameters, each passed through {@code registrations} (which may change them). */
    CheckpointRig(Optimizer opt, UnaryOperator<Map<String, Object[]>> registrations) {
        this.opt = opt;
        Map<String, Object[]> regs = new LinkedHashMap<>();
        // name -> {group, length, shape (int[]), native (Boolean)}
        regs.put("w", new Object[] {Optimizer.DEFAULT_GROUP, 37, new int[0], false});
        regs.put("c", new Object[] {Optimizer.DEFAULT_GROUP, 8, new int[0], false});
        regs.put("b", new Object[] {BIASES, 15, new int[] {3, 5}, true});
        for (var e : registrations.apply(regs).entrySet()) {
            Object[] r = e.getValue();
            register(e.getKey(), (String) r[0], (Integer) r[1], (int[]) r[2], (Boolean) r[3]);
        }
    }

    void register(String name, String group, int length, int[] shape, boolean offHeap) {
        MemorySegment v, g;
        if (offHeap) {
            v = arena.allocate(4L * length, 64);
            g = arena.allocate(4L * length, 64);
            opt.group(group).register(name, v, g, shape);
        } else {
            float[] va = new float[length], ga = new float[length];
            v = MemorySegment.ofArray(va);
            g = MemorySegment.ofArray(ga);
            opt.group(group).register(name, va, ga, shape);
        }
        SplittableRandom r = new SplittableRandom(name.hashCode());
        for (int i = 0; i < length; i++) {
            v.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) r.nextGaussian());
        }
        values.put(name, v);
        grads.put(name, g);
    }

    /** {@code n} steps with gradients from {@code seed}. */
    CheckpointRig steps(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int s = 0; s < n; s++) {
            for (MemorySegment g : grads.values()) {
                for (long i = 0; i < g.byteSize() / 4; i++) {
                    g.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) r.nextGaussian());
                }
            }
            opt.step();
        }
        return this;
    }

    /** The state a load restores (no gradients: they are inputs). */
    StateSnapshot state() {
        return StateSnapshot.of(opt, values, Map.of());
    }

    /** Everything, gradients included: what a failed call must leave as it was. */
    StateSnapshot everything() {
        return StateSnapshot.of(opt, values, grads);
    }

    byte[] save() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            opt.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        opt.close();
        arena.close();
    }
}
