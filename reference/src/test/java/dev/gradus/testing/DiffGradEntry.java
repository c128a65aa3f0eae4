package dev.gradus.testing;

import dev.gradus.rules.DiffGrad;
import dev.gradus.rules.Rule;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Map;

/**
 * DiffGrad (diffGrad v2 form) in the catalogue.
 *
 * <p><b>Tolerance.</b> The friction ξ = 1/(1 + exp(−Δ)) uses a float32 exp that is not
 * bit-reproducible (spec §0.6): the scalar reference computes {@code (float) Math.exp}, the vector
 * kernel an inline float exp of its own (simd {@code VectorFriction}: the same bits at every width
 * and JIT tier, within 0.99 ulp of the exact value), torch SLEEF or libm {@code expf}. Each is
 * within 1 ulp of the exact value, so two of them differ by at most 1 ulp in exp(−Δ) and, through
 * 1 + e and the division, by at most 2 ulp in ξ ∈ [0.5, 1] (measured over every float Δ ≥ 0,
 * vector against scalar: worst exp 1 ulp, worst ξ 2 ulp). Within one step ξ reaches only θ:
 * m, v and prev do not depend on it. A pure ULP bound on θ is nevertheless unsound: where θ + u
 * cancels, one ulp of the update u is any number of ulps of the result (measured, whole runs,
 * with the earlier library exp: 128 ulp without weight decay), and over several steps the weight
 * decay feeds the θ difference into g and so into m, v, prev and the next ξ (measured likewise:
 * 7218 ulp with λ ≠ 0 within 12 steps), growing with the number of steps. So this entry
 * {@linkplain #differsInParamOnly() is compared per step from the same state}: m, v and prev
 * bitwise, θ within {@value #THETA_ULPS} ulp of M = max(|θ before|, |θ expected|, |θ actual|).
 *
 * <p>The bound is derived, not fitted: a 2-ulp difference in ξ ≥ 0.5 is a relative difference of
 * at most 2^−22; the three roundings of m·ξ, ⟨−ss⟩·(m·ξ) and the division add at most 2^−24 each
 * on either side, so the two updates differ by at most 10·2^−24·|u|; |u| ≤ |θ before| + |θ after|
 * ≤ 2M, and the final additions round by at most half an ulp of M each: at most
 * 20·2^−24·M + ulp(M) &lt; 21 ulp(M) (2^−24·M &lt; ulp(M) for every normal M). The same holds
 * against torch's expf. Outside the normal range (m·ξ or the update subnormal) relative precision
 * is lost and the derivation does not apply; the property's special values reach that corner, and
 * it has not produced a larger difference.
 *
 * <p>Measured (simd {@code DiffGradFrictionTest}, kernel compiled, 3000 heap cases of the property
 * per width, λ = 0 and λ ≠ 0, 1–12 steps): worst 6 ulp of M at 512, 256 and 128 bits. The golden
 * files, per step from torch's θ: 0 ulp through the scalar reference and the vector kernels,
 * interpreted or compiled, at every width (their final m, v, prev bitwise).
 */
final class DiffGradEntry implements CatalogEntry {

    /** The bound on θ per step, in ulps of the largest of |θ before|, |θ expected| and |θ actual|. */
    static final int THETA_ULPS = 21;

    @Override
    public String family() {
        return "diffgrad";
    }

    @Override
    public List<String> goldenRules() {
        return List.of("diffgrad");
    }

    @Override
    public Rule fromGolden(GoldenFile f) {
        double[] betas = f.hpList("betas");
        return new DiffGrad(betas[0], betas[1], f.hp("eps"), f.hp("weight_decay"));
    }

    @Override
    public Map<String, String> goldenSlots() {
        return Map.of("exp_avg", DiffGrad.M, "exp_avg_sq", DiffGrad.V, "previous_grad", DiffGrad.PREV);
    }

    @Override
    public Gen<Rule> rules() {
        Gen<Double> beta = Generate.pick(List.of(0.0, 0.5, 0.8, 0.9, 0.99, 0.999, 0.9999));
        Gen<Double> eps = Generate.pick(List.of(0.0, 1e-8, 1e-6, 1e-3));
        Gen<Double> wd = Generate.pick(List.of(0.0, 1e-4, 0.01, 0.1));
        return beta.zip(beta, eps, wd, DiffGrad::new);
    }

    @Override
    public List<Invalid> invalid() {
        DiffGrad d = new DiffGrad();
        return List.of(
                new Invalid("beta1 = 1", () -> d.withBetas(1.0, 0.999), "beta1 must be in [0, 1), got 1.0"),
                new Invalid("negative beta1", () -> d.withBetas(-0.5, 0.999), "beta1 must be in [0, 1), got -0.5"),
                new Invalid("beta2 > 1", () -> d.withBetas(0.9, 1.2), "beta2 must be in [0, 1), got 1.2"),
                new Invalid("NaN beta2", () -> d.withBetas(0.9, Double.NaN), "beta2 must be in [0, 1), got NaN"),
                new Invalid("infinite beta1", () -> d.withBetas(Double.POSITIVE_INFINITY, 0.999), "beta1 must be in [0, 1), got Infinity"),
                new Invalid("negative eps", () -> d.withEps(-1e-8), "eps must be finite and >= 0, got -1.0E-8"),
                new Invalid("NaN eps", () -> d.withEps(Double.NaN), "eps must be finite and >= 0, got NaN"),
                new Invalid("infinite eps", () -> d.withEps(Double.POSITIVE_INFINITY), "eps must be finite and >= 0, got Infinity"),
                new Invalid("negative weight decay", () -> d.withWeightDecay(-1e-4), "weightDecay must be finite and >= 0, got -1.0E-4"),
                new Invalid("NaN weight decay", () -> d.withWeightDecay(Double.NaN), "weightDecay must be finite and >= 0, got NaN"),
                new Invalid("infinite weight decay", () -> d.withWeightDecay(Double.NEGATIVE_INFINITY),
                        "weightDecay must be finite and >= 0, got -Infinity"));
    }

    /** ξ = 1/(1 + exp(−Δ)) is the one value that is not bit-reproducible; it reaches only θ within a step. */
    @Override
    public boolean differsInParamOnly() {
        return true;
    }

    /** {@value #THETA_ULPS}: see the class comment. */
    @Override
    public int vectorUlps() {
        return THETA_ULPS;
    }

    /** {@value #THETA_ULPS}: see the class comment. */
    @Override
    public int goldenUlps() {
        return THETA_ULPS;
    }
}
