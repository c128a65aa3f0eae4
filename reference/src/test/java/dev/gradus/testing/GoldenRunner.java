package dev.gradus.testing;

import dev.gradus.Optimizer;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.Rule;

import java.util.Map;

/** Replays a golden optimizer file through the {@link Optimizer} facade and given kernels. */
public final class GoldenRunner {
    private GoldenRunner() {
    }

    /**
     * Runs the file: the parameters after every step and the final state must match (bitwise,
     * or within the entry's {@link CatalogEntry#goldenUlps()}).
     */
    public static void run(GoldenFile f, CatalogEntry entry, UpdateKernels kernels) {
        if (!f.kind().equals("optimizer") || !f.header("dtype").equals("float32")) {
            throw new IllegalArgumentException(f + " is not a float32 optimizer file");
        }
        Rule rule = entry.fromGolden(f);
        int ulps = entry.goldenUlps(f);
        long worst = 0;
        float[] param = f.floats("params", "0");
        float[] grad = new float[param.length];
        if (param.length != f.n()) {
            throw new AssertionError(f + ": params[0] has " + param.length + " values, header n = " + f.n());
        }
        try (Optimizer opt = Optimizer.builder(rule).learningRate(entry.learningRate(f)).kernels(kernels).build()) {
            int[] shape = f.has("shape") ? java.util.Arrays.stream(f.tokens("shape")).mapToInt(Integer::parseInt).toArray() : new int[0];
            opt.register("p", param, grad, shape);
            for (int t = 1; t <= f.steps(); t++) {
                float[] g = f.floats("grad", Integer.toString(t));
                System.arraycopy(g, 0, grad, 0, g.length);
                opt.step();
                worst = Math.max(worst, Bits.assertClose(f.floats("params", Integer.toString(t)), param, ulps, f + ": params after step " + t));
            }
            if (ulps > 0) {
                System.out.println("[gradus] " + f + " through " + kernels.name() + ": largest difference " + worst
                        + " ulp (allowed " + ulps + ")");
            }
            Map<String, String> slots = entry.goldenSlots();
            for (String name : f.stateVectors()) {
                String slot = slots.get(name);
                if (slot == null) {
                    throw new AssertionError(f + ": golden state '" + name + "' has no slot in the " + entry.family() + " entry");
                }
                worst = Math.max(worst, Bits.assertClose(f.floats("state." + name, "final"), opt.slotValues("p", slot), ulps,
                        f + ": final state " + name));
            }
            if (f.stateVectors().size() != opt.slotNames().size()) {
                throw new AssertionError(f + ": golden state vectors " + f.stateVectors() + ", our slots " + opt.slotNames());
            }
            for (String name : f.stateScalars()) {
                double expected = f.doubles("state." + name, "final")[0];
                double actual = entry.goldenScalar(name, rule, opt.stepCount(), opt.scalarState());
                if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
                    throw new AssertionError(f + ": final " + name + " is " + actual + ", expected " + expected);
                }
            }
        }
    }
}
