package dev.gradus.reference;

import dev.gradus.Optimizer;
import dev.gradus.rules.Adagrad;
import dev.gradus.rules.Adamax;
import dev.gradus.rules.Rmsprop;
import dev.gradus.rules.Rule;
import dev.gradus.testing.Bits;
import dev.gradus.testing.CatalogEntry;
import dev.gradus.testing.GoldenFile;
import dev.gradus.testing.GoldenFiles;
import dev.gradus.testing.RuleCatalog;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code maximize}, which no golden file of these rules sets: torch negates the gradient exactly,
 * before anything else (spec §0.8), so {@code maximize = true} fed the negated golden gradients
 * must reproduce the golden parameters and state bit for bit.
 */
class MaximizeGoldenTest {

    private static final Set<String> RULES = Set.of("adagrad", "rmsprop", "adamax");

    @TestFactory
    Stream<DynamicTest> maximizeWithNegatedGradientsReproducesTheGoldenFiles() {
        return GoldenFiles.list("float32").stream()
                .filter(p -> RULES.contains(GoldenFiles.rule(p)))
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> run(GoldenFile.read(p))));
    }

    private static Rule maximizing(Rule r) {
        return switch (r) {
            case Adagrad a -> a.withMaximize(true);
            case Rmsprop a -> a.withMaximize(true);
            case Adamax a -> a.withMaximize(true);
            default -> throw new AssertionError("not a rule of this test: " + r);
        };
    }

    private static void run(GoldenFile f) {
        CatalogEntry entry = RuleCatalog.forGoldenRule(f.rule()).orElseThrow();
        Rule rule = maximizing(entry.fromGolden(f));
        float[] param = f.floats("params", "0");
        float[] grad = new float[param.length];
        try (Optimizer opt = Optimizer.builder(rule).learningRate(f.hp("lr")).kernels(ScalarUpdateKernels.INSTANCE).build()) {
            opt.register("p", param, grad);
            for (int t = 1; t <= f.steps(); t++) {
                float[] g = f.floats("grad", Integer.toString(t));
                for (int i = 0; i < g.length; i++) {
                    grad[i] = -g[i];
                }
                opt.step();
                Bits.assertClose(f.floats("params", Integer.toString(t)), param, 0, f + " maximize: params after step " + t);
            }
            Map<String, String> slots = entry.goldenSlots();
            for (String name : f.stateVectors()) {
                Bits.assertClose(f.floats("state." + name, "final"), opt.slotValues("p", slots.get(name)), 0,
                        f + " maximize: final state " + name);
            }
        }
    }
}
