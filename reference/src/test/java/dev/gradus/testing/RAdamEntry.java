package dev.gradus.testing;

import dev.gradus.rules.RAdam;
import dev.gradus.rules.RAdamEarlySteps;
import dev.gradus.rules.RAdamForm;
import dev.gradus.rules.RAdamThreshold;
import dev.gradus.rules.RAdamWeightDecay;
import dev.gradus.rules.Rule;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Map;

/**
 * RAdam in the catalogue: torch 1.13.1 ({@code radam}) and the paper repository at d9fd30a
 * ({@code radam_orig}, whose files set {@code degenerated_to_sgd} in their hp lines).
 */
final class RAdamEntry implements CatalogEntry {

    /** ρ_6 = 5.0 exactly in double for this β2 (found by bisection; ρ_5 ≈ 4.31, ρ_7 ≈ 5.64). */
    static final double BETA2_RHO6_IS_FIVE = 0.8397685748659791;

    @Override
    public String family() {
        return "radam";
    }

    @Override
    public List<String> goldenRules() {
        return List.of("radam", "radam_orig");
    }

    @Override
    public Rule fromGolden(GoldenFile f) {
        double[] betas = f.hpList("betas");
        if (f.rule().equals("radam_orig")) {
            return new RAdam(betas[0], betas[1], f.hp("eps"), f.hp("weight_decay"), RAdamWeightDecay.DECOUPLED_ADDITIVE,
                    RAdamForm.PAPER_REPO, RAdamThreshold.AT_LEAST_FIVE,
                    f.hpFlag("degenerated_to_sgd") ? RAdamEarlySteps.SGD : RAdamEarlySteps.SKIP);
        }
        if (!f.hpWord("foreach").equals("none") && !f.hpWord("foreach").equals("false")) {
            throw new IllegalArgumentException(f + ": foreach " + f.hpWord("foreach") + " is not torch 1.13.1's single-tensor path");
        }
        return new RAdam(betas[0], betas[1], f.hp("eps"), f.hp("weight_decay"), RAdamWeightDecay.COUPLED,
                RAdamForm.TORCH, RAdamThreshold.ABOVE_FIVE, RAdamEarlySteps.SGD);
    }

    @Override
    public Map<String, String> goldenSlots() {
        return Map.of("exp_avg", RAdam.M, "exp_avg_sq", RAdam.V);
    }

    @Override
    public Gen<Rule> rules() {
        // β2 ∈ {0.9, 0.99, 0.999, 0.9999} first rectifies at t = 6, inside the 1–12 steps of the property;
        // β2 ∈ {0, 0.5} never rectifies (ρ∞ ≤ 3); with BETA2_RHO6_IS_FIVE, ρ_6 is exactly 5.0, so the two
        // thresholds choose different kernels at step 6.
        Gen<Double> beta1 = Generate.pick(List.of(0.0, 0.5, 0.8, 0.9, 0.99, 0.999));
        Gen<Double> beta2 = Generate.pick(List.of(0.0, 0.5, 0.9, 0.99, 0.999, 0.9999, BETA2_RHO6_IS_FIVE));
        Gen<Double> eps = Generate.pick(List.of(0.0, 1e-8, 1e-6, 1e-3));
        Gen<Double> wd = Generate.pick(List.of(0.0, 1e-4, 0.01, 0.1));
        Gen<Object[]> options = Generate.enumValues(RAdamWeightDecay.class).zip(Generate.enumValues(RAdamForm.class),
                Generate.enumValues(RAdamThreshold.class), Generate.enumValues(RAdamEarlySteps.class),
                (d, f, t, s) -> new Object[] {d, f, t, s});
        return beta1.zip(beta2, eps, wd, options, (b1, b2, e, w, o) -> new RAdam(b1, b2, e, w, (RAdamWeightDecay) o[0],
                (RAdamForm) o[1], (RAdamThreshold) o[2], (RAdamEarlySteps) o[3]));
    }

    @Override
    public List<Invalid> invalid() {
        RAdam a = RAdam.radam();
        return List.of(
                new Invalid("beta1 = 1", () -> a.withBetas(1.0, 0.999), "beta1 must be in [0, 1), got 1.0"),
                new Invalid("negative beta1", () -> a.withBetas(-0.1, 0.999), "beta1 must be in [0, 1), got -0.1"),
                new Invalid("NaN beta1", () -> a.withBetas(Double.NaN, 0.999), "beta1 must be in [0, 1), got NaN"),
                new Invalid("beta2 = 1", () -> RAdam.paperRepo().withBetas(0.9, 1.0), "beta2 must be in [0, 1), got 1.0"),
                new Invalid("infinite beta2", () -> a.withBetas(0.9, Double.POSITIVE_INFINITY), "beta2 must be in [0, 1), got Infinity"),
                new Invalid("NaN beta2", () -> a.withBetas(0.9, Double.NaN), "beta2 must be in [0, 1), got NaN"),
                new Invalid("negative eps", () -> a.withEps(-1e-8), "eps must be finite and >= 0, got -1.0E-8"),
                new Invalid("NaN eps", () -> a.withEps(Double.NaN), "eps must be finite and >= 0, got NaN"),
                new Invalid("infinite eps", () -> a.withEps(Double.POSITIVE_INFINITY), "eps must be finite and >= 0, got Infinity"),
                new Invalid("negative weight decay", () -> a.withWeightDecay(-0.01), "weightDecay must be finite and >= 0, got -0.01"),
                new Invalid("negative repo weight decay", () -> RAdam.paperRepo().withWeightDecay(-1),
                        "weightDecay must be finite and >= 0, got -1.0"),
                new Invalid("NaN weight decay", () -> a.withWeightDecay(Double.NaN), "weightDecay must be finite and >= 0, got NaN"),
                new Invalid("infinite weight decay", () -> a.withWeightDecay(Double.POSITIVE_INFINITY),
                        "weightDecay must be finite and >= 0, got Infinity"),
                new Invalid("null decay mode", () -> a.withDecay(null), "decay must not be null"),
                new Invalid("null form", () -> a.withForm(null), "form must not be null"),
                new Invalid("null threshold", () -> a.withThreshold(null), "threshold must not be null"),
                new Invalid("null early steps", () -> a.withEarlySteps(null), "earlySteps must not be null"));
    }
}
