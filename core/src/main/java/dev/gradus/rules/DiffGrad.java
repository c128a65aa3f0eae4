package dev.gradus.rules;

import dev.gradus.kernel.DiffGradCoefficients;

import java.util.List;
import java.util.OptionalDouble;

/**
 * DiffGrad (Dubey et al. 2019) in the form of shivram1987/diffGrad {@code diffGrad_v2.py} (HEAD
 * 73233ba), which jettify/pytorch-optimizer {@code diffgrad.py} shares (spec R14, §D row 15): the
 * previous gradient is a copy taken after use, not an alias of the gradient buffer (v1's bug).
 *
 * <p>Per step, in double: {@code bc1 = 1 − β1^t}, {@code bc2 = 1 − β2^t},
 * {@code ss = (lr·√bc2)/bc1} (the paper's "efficient" form: eps on the raw √v). Per element, with
 * ⟨·⟩ rounding a double to float once:
 * <pre>
 *   g ← g + ⟨λ⟩·θ                              coupled L2, λ ≠ 0
 *   m ← m·⟨β1⟩ + ⟨1−β1⟩·g
 *   v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
 *   d ← √v + ⟨eps⟩
 *   Δ ← |prev − g|
 *   ξ ← 1 / (1 + exp(−Δ))                      the friction coefficient, in [0.5, 1]
 *   prev ← g                                   the decayed g
 *   θ ← θ + (⟨−ss⟩·(m·ξ)) / d
 * </pre>
 * Both sources add the weight decay into the caller's gradient buffer in place; this rule never
 * writes the gradient: the decayed g is a value local to the kernel, and it is what {@code prev}
 * keeps, so the parameter, m, v and prev evolve exactly as in the sources.
 *
 * <p><b>The float32 {@code exp} is the one operation that is not bit-reproducible</b> (spec §0.6):
 * the scalar reference computes {@code (float) Math.exp(−Δ)}, the vector kernels an inline float
 * exp of their own (the same bits at every vector width and JIT tier), and torch a SLEEF or libm
 * {@code expf}; each is within 1 ulp of the exact value, so two of them differ by at most 1 ulp in
 * exp(−Δ) and 2 ulp in ξ (measured against the scalar one over every float Δ ≥ 0: 1 and 2). Within a step a difference in ξ reaches only θ;
 * m, v and prev stay bitwise. Over later steps the weight decay carries it into g and from there
 * into m, v, prev and the next ξ, so whole runs drift apart with the number of steps; and where
 * θ + u cancels, one ulp of u is many ulps of θ. The tests therefore compare one step at a time
 * from the same state, and hold θ to <b>21 ulp of max(|θ before|, |θ after|)</b>, a bound derived
 * from the 2-ulp ξ difference and the four roundings that follow it (normal range). Measured worst
 * case with the vector kernel compiled: 6 ulp at 512, 256 and 128 bits, over 3000
 * random cases per width with and without weight decay, 1–12 steps; against the golden files, per
 * step: 0 ulp through the scalar and the vector kernels. Without the per-step restart the same
 * cases reached 128 ulp (λ = 0, cancellation) and 7218 ulp (λ ≠ 0) within 12 steps (measured with
 * the Vector API's library exp, which the vector kernel used before).
 *
 * @param beta1       β1, default {@value #DEFAULT_BETA1}; in [0, 1)
 * @param beta2       β2, default {@value #DEFAULT_BETA2}; in [0, 1)
 * @param eps         default {@value #DEFAULT_EPS}; finite and {@code >= 0}
 * @param weightDecay λ (coupled, L2), default {@value #DEFAULT_WEIGHT_DECAY}; finite and {@code >= 0}
 *                    (diffGrad_v2 checks nothing, jettify rejects λ &lt; 0)
 */
public record DiffGrad(double beta1, double beta2, double eps, double weightDecay) implements Rule {

    /** diffGrad_v2.py and jettify default learning rate. */
    public static final double DEFAULT_LR = 1e-3;
    /** diffGrad_v2.py and jettify default. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** diffGrad_v2.py and jettify default. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** diffGrad_v2.py and jettify default. */
    public static final double DEFAULT_EPS = 1e-8;
    /** diffGrad_v2.py and jettify default. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;

    /** First moment slot (source: {@code exp_avg}). */
    public static final String M = "m";
    /** Second moment slot (source: {@code exp_avg_sq}). */
    public static final String V = "v";
    /** Previous decayed gradient slot (source: {@code previous_grad}). */
    public static final String PREV = "prev";

    public DiffGrad {
        Check.unitHalfOpen("beta1", beta1);
        Check.unitHalfOpen("beta2", beta2);
        Check.nonNegative("eps", eps);
        Check.nonNegative("weightDecay", weightDecay);
    }

    /** DiffGrad with the sources' defaults. */
    public DiffGrad() {
        this(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY);
    }

    public DiffGrad withBetas(double beta1, double beta2) {
        return new DiffGrad(beta1, beta2, eps, weightDecay);
    }

    public DiffGrad withEps(double eps) {
        return new DiffGrad(beta1, beta2, eps, weightDecay);
    }

    public DiffGrad withWeightDecay(double weightDecay) {
        return new DiffGrad(beta1, beta2, eps, weightDecay);
    }

    @Override
    public String name() {
        return "diffgrad";
    }

    @Override
    public List<String> slotNames() {
        return List.of(M, V, PREV);
    }

    @Override
    public OptionalDouble defaultLearningRate() {
        return OptionalDouble.of(DEFAULT_LR);
    }

    /** The per-step floats of step {@code context.step()}, computed in double and rounded once. */
    public DiffGradCoefficients coefficients(StepContext context) {
        double lr = context.learningRate();
        double t = context.step();
        double bc1 = 1.0 - Math.pow(beta1, t);
        double bc2 = 1.0 - Math.pow(beta2, t);
        double stepSize = lr * Math.sqrt(bc2) / bc1;
        return new DiffGradCoefficients((float) beta1, (float) (1.0 - beta1), (float) beta2, (float) (1.0 - beta2),
                (float) eps, (float) -stepSize, (float) weightDecay, weightDecay != 0);
    }

    @Override
    public StepPlan plan(StepContext context) {
        DiffGradCoefficients c = coefficients(context);
        return (k, b, from, to) -> k.diffGrad().diffGrad(b.param(), b.grad(), b.slot(0), b.slot(1), b.slot(2), from, to, c);
    }
}
