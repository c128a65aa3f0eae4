package dev.gradus.rules;

import dev.gradus.kernel.AdamaxCoefficients;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Adamax (the infinity-norm variant of Adam) with coupled weight decay and maximization, exactly
 * as torch 1.13.1 {@code torch.optim.Adamax} (spec R9).
 *
 * <p>Per step, in double: {@code clr = lr / (1 − β1^t)}. Per element, with ⟨·⟩ rounding a double
 * to float once:
 * <pre>
 *   g ← maximize ? −g : g
 *   g ← g + ⟨λ⟩·θ                              if λ ≠ 0
 *   m ← m·⟨β1⟩ + ⟨1−β1⟩·g
 *   u ← max(u·⟨β2⟩, |g| + ⟨eps⟩)               eps inside the max (torch; the paper has none), so u ≥ eps
 *   θ ← θ + (⟨−clr⟩·m) / u                     only m is bias-corrected
 * </pre>
 * The maximum propagates NaN, as torch's {@code amax} does.
 *
 * @param beta1       β1, default {@value #DEFAULT_BETA1}; in [0, 1)
 * @param beta2       β2, default {@value #DEFAULT_BETA2}; in [0, 1)
 * @param eps         default {@value #DEFAULT_EPS}; finite and {@code >= 0}
 * @param weightDecay λ (coupled, L2), default {@value #DEFAULT_WEIGHT_DECAY}; finite and {@code >= 0}
 * @param maximize    ascend instead of descend, default false
 */
public record Adamax(double beta1, double beta2, double eps, double weightDecay, boolean maximize) implements Rule {

    /** torch.optim.Adamax default learning rate. */
    public static final double DEFAULT_LR = 2e-3;
    /** torch.optim.Adamax default. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** torch.optim.Adamax default. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** torch.optim.Adamax default. */
    public static final double DEFAULT_EPS = 1e-8;
    /** torch.optim.Adamax default. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;

    /** First moment slot (torch: {@code exp_avg}). */
    public static final String M = "m";
    /** Exponentially weighted infinity norm slot (torch: {@code exp_inf}). */
    public static final String U = "u";

    public Adamax {
        Check.unitHalfOpen("beta1", beta1);
        Check.unitHalfOpen("beta2", beta2);
        Check.nonNegative("eps", eps);
        Check.nonNegative("weightDecay", weightDecay);
    }

    /** Adamax with torch's defaults. */
    public Adamax() {
        this(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY, false);
    }

    public Adamax withBetas(double beta1, double beta2) {
        return new Adamax(beta1, beta2, eps, weightDecay, maximize);
    }

    public Adamax withEps(double eps) {
        return new Adamax(beta1, beta2, eps, weightDecay, maximize);
    }

    public Adamax withWeightDecay(double weightDecay) {
        return new Adamax(beta1, beta2, eps, weightDecay, maximize);
    }

    public Adamax withMaximize(boolean maximize) {
        return new Adamax(beta1, beta2, eps, weightDecay, maximize);
    }

    @Override
    public String name() {
        return "adamax";
    }

    @Override
    public List<String> slotNames() {
        return List.of(M, U);
    }

    @Override
    public OptionalDouble defaultLearningRate() {
        return OptionalDouble.of(DEFAULT_LR);
    }

    /** The per-step floats of step {@code context.step()}, computed in double and rounded once. */
    public AdamaxCoefficients coefficients(StepContext context) {
        double lr = context.learningRate();
        double t = context.step();
        double biasCorrection = 1 - Math.pow(beta1, t);
        double clr = lr / biasCorrection;
        return new AdamaxCoefficients((float) beta1, (float) (1.0 - beta1), (float) beta2, (float) eps, (float) -clr,
                (float) weightDecay, weightDecay != 0, maximize);
    }

    @Override
    public StepPlan plan(StepContext context) {
        AdamaxCoefficients c = coefficients(context);
        return (k, b, from, to) -> k.adamax().adamax(b.param(), b.grad(), b.slot(0), b.slot(1), from, to, c);
    }
}
