package dev.gradus.testing;

import dev.gradus.Optimizer;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.Rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Replays a golden optimizer file through the {@link Optimizer} facade and given kernels. */
public final class GoldenRunner {
    private GoldenRunner() {
    }

    /**
     * Runs the file: the parameters after every step and the final state must match (bitwise,
     * or within the entry's {@link CatalogEntry#goldenUlps(GoldenFile)}; for an entry that
     * {@linkplain CatalogEntry#differsInParamOnly() differs in the parameter only}, every step
     * starts from the file's parameters and the final state is bitwise). A {@linkplain
     * CatalogEntry#lazySlots() lazy slot} the file lacks must hold its initial value; scalar state maps
     * through {@link CatalogEntry#goldenScalar(GoldenFile, String, Rule, long, Map, Map)}, which sees
     * the group's and the parameter's scalars. Returns the largest difference seen.
     */
    public static long run(GoldenFile f, CatalogEntry entry, UpdateKernels kernels) {
        if (!f.kind().equals("optimizer") || !f.header("dtype").equals("float32")) {
            throw new IllegalArgumentException(f + " is not a float32 optimizer file");
        }
        Rule rule = entry.fromGolden(f);
        int ulps = entry.goldenUlps(f);
        boolean perStep = entry.differsInParamOnly();
        long worst = 0;
        float[] param = f.floats("params", "0");
        float[] grad = new float[param.length];
        if (param.length != f.n()) {
            throw new AssertionError(f + ": params[0] has " + param.length + " values, header n = " + f.n());
        }
        int[] shape = f.has("shape") ? Arrays.stream(f.tokens("shape")).mapToInt(Integer::parseInt).toArray() : new int[0];
        try (Optimizer opt = Optimizer.builder(rule).learningRate(entry.learningRate(f)).kernels(kernels).build()) {
            opt.register("p", param, grad, shape);
            for (int t = 1; t <= f.steps(); t++) {
                float[] g = f.floats("grad", Integer.toString(t));
                System.arraycopy(g, 0, grad, 0, g.length);
                float[] before = f.floats("params", Integer.toString(t - 1));
                if (perStep) {                                      // each step starts from the file's θ
                    System.arraycopy(before, 0, param, 0, before.length);
                }
                opt.step();
                String what = f + ": params after step " + t + " (" + kernels.name() + ")";
                worst = Math.max(worst, perStep
                        ? Bits.assertCloseOfScale(f.floats("params", Integer.toString(t)), param, before, ulps, what)
                        : Bits.assertClose(f.floats("params", Integer.toString(t)), param, ulps, what));
            }
            Map<String, String> slots = entry.goldenSlots();
            for (String name : f.stateVectors()) {
                String slot = slots.get(name);
                if (slot == null) {
                    throw new AssertionError(f + ": golden state '" + name + "' has no slot in the " + entry.family() + " entry");
                }
                worst = Math.max(worst, Bits.assertClose(f.floats("state." + name, "final"), opt.slotValues("p", slot),
                        perStep ? 0 : ulps, f + ": final state " + name + " (" + kernels.name() + ")"));
            }
            List<String> unwritten = new ArrayList<>();             // lazy slots the source never created
            for (String slot : entry.lazySlots()) {
                if (f.stateVectors().stream().noneMatch(name -> slot.equals(slots.get(name)))) {
                    unwritten.add(slot);
                    float init = rule.initialSlotValue(slot);
                    float[] ours = opt.slotValues("p", slot);
                    float[] expected = new float[ours.length];
                    Arrays.fill(expected, init);
                    Bits.assertClose(expected, ours, 0, f + ": slot " + slot + ", absent from the file, keeps its initial value ("
                            + kernels.name() + ")");
                }
            }
            if (f.stateVectors().size() + unwritten.size() != opt.slotNames().size()) {
                throw new AssertionError(f + ": golden state vectors " + f.stateVectors() + ", our slots " + opt.slotNames());
            }
            for (String name : f.stateScalars()) {
                double expected = f.doubles("state." + name, "final")[0];
                double actual = entry.goldenScalar(f, name, rule, opt.stepCount(), opt.scalarState(), opt.parameterScalars("p"));
                if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
                    throw new AssertionError(f + ": final " + name + " is " + actual + ", expected " + expected);
                }
            }
        }
        if (ulps > 0) {
            System.out.println("[gradus] " + f + " through " + kernels.name() + ": largest difference " + worst
                    + " ulp (allowed " + ulps + ")");
        }
        return worst;
    }
}
