package dev.gradus.rules;

import dev.gradus.kernel.AdaBoundCoefficients;

import java.util.List;
import java.util.OptionalDouble;

/**
 * AdaBound, and AMSBound when {@code amsbound}, exactly as the authors' {@code AdaBound} class
 * (Luolc/AdaBound {@code adabound/adabound.py} at 2e928c3, class last changed in d5bb5ff; spec R12).
 * jettify/pytorch-optimizer's {@code AdaBound} has the same arithmetic. AdaBoundW (the same file's
 * decoupled variant) is not implemented.
 *
 * <p>Per step, in double, in the source's expression order: {@code bc1 = 1 − β1^t},
 * {@code bc2 = 1 − β2^t}, {@code ss = (lr·√bc2)/bc1}, {@code fl = (finalLr·lr)/baseLr},
 * {@code lb = fl·(1 − 1/(γ·t + 1))}, {@code ub = fl·(1 + 1/(γ·t))}. Per element, with ⟨·⟩
 * rounding a double to float once:
 * <pre>
 *   g ← g + ⟨λ⟩·θ                              coupled (L2), λ ≠ 0
 *   m ← m·⟨β1⟩ + ⟨1−β1⟩·g
 *   v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
 *   vMax ← max(vMax, v); u ← vMax              amsbound (the max of the raw v); otherwise u ← v
 *   d ← √u + ⟨eps⟩                              eps on the raw √v: the bias correction is in ss
 *   η ← min(max(⟨ss⟩/d, ⟨lb⟩), ⟨ub⟩)            torch clamp; a NaN stays NaN
 *   θ ← θ − η·m
 * </pre>
 *
 * <p><b>Base learning rate.</b> The authors rescale {@code final_lr} by {@code lr/base_lr}, where
 * {@code base_lr} is the group's learning rate when the optimizer is constructed, so that an lr
 * schedule also moves the bounds. Here {@code baseLr} is the learning rate of step 1
 * ({@link StepContext#initialLearningRate()}); with a constant learning rate, {@code fl} is
 * {@code (finalLr·lr)/lr}. It must be {@code > 0}: the source divides by it (Python raises
 * {@code ZeroDivisionError} for 0), so {@link #plan} throws {@link IllegalStateException} when the
 * learning rate of step 1 is 0. (A torch scheduler that rescales lr when it is constructed, such as
 * {@code LinearLR}, does so after the optimizer has captured {@code base_lr}; a schedule whose
 * step-1 value differs from the nominal lr therefore gives a different {@code fl} than torch.)
 *
 * <p><b>gamma.</b> The source accepts γ in [0, 1), but γ = 0 divides by zero in {@code ub} at t = 1
 * (spec §D row 14), so γ must be in (0, 1).
 *
 * @param beta1       β1, default {@value #DEFAULT_BETA1} (source default); in [0, 1)
 * @param beta2       β2, default {@value #DEFAULT_BETA2} (source default); in [0, 1)
 * @param finalLr     the final (SGD) learning rate the bounds converge to, default
 *                    {@value #DEFAULT_FINAL_LR} (source default); finite and {@code >= 0}
 * @param gamma       γ, convergence speed of the bounds, default {@value #DEFAULT_GAMMA} (source
 *                    default); in (0, 1)
 * @param eps         default {@value #DEFAULT_EPS} (source default); finite and {@code >= 0}
 * @param weightDecay λ, coupled (L2), default {@value #DEFAULT_WEIGHT_DECAY} (source default); finite
 *                    and {@code >= 0} (the authors check nothing, jettify {@code >= 0})
 * @param amsbound    AMSBound: keep the running maximum of v, default false (source default)
 */
public record AdaBound(double beta1, double beta2, double finalLr, double gamma, double eps, double weightDecay,
                       boolean amsbound) implements Rule {

    /** Luolc/AdaBound default learning rate. */
    public static final double DEFAULT_LR = 1e-3;
    /** Luolc/AdaBound default. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Luolc/AdaBound default. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Luolc/AdaBound default. */
    public static final double DEFAULT_FINAL_LR = 0.1;
    /** Luolc/AdaBound default. */
    public static final double DEFAULT_GAMMA = 1e-3;
    /** Luolc/AdaBound default. */
    public static final double DEFAULT_EPS = 1e-8;
    /** Luolc/AdaBound default (coupled, L2). */
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;

    /** First moment slot (source: {@code exp_avg}). */
    public static final String M = "m";
    /** Second moment slot (source: {@code exp_avg_sq}). */
    public static final String V = "v";
    /** Running maximum of v with amsbound (source: {@code max_exp_avg_sq}). */
    public static final String V_MAX = "vMax";

    public AdaBound {
        Check.unitHalfOpen("beta1", beta1);
        Check.unitHalfOpen("beta2", beta2);
        Check.nonNegative("finalLr", finalLr);
        Check.unitOpen("gamma", gamma);
        Check.nonNegative("eps", eps);
        Check.nonNegative("weightDecay", weightDecay);
    }

    /** AdaBound with the authors' defaults. */
    public static AdaBound adaBound() {
        return new AdaBound(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_FINAL_LR, DEFAULT_GAMMA, DEFAULT_EPS,
                DEFAULT_WEIGHT_DECAY, false);
    }

    /** AMSBound with the authors' defaults. */
    public static AdaBound amsBound() {
        return adaBound().withAmsbound(true);
    }

    public AdaBound withBetas(double beta1, double beta2) {
        return new AdaBound(beta1, beta2, finalLr, gamma, eps, weightDecay, amsbound);
    }

    public AdaBound withFinalLr(double finalLr) {
        return new AdaBound(beta1, beta2, finalLr, gamma, eps, weightDecay, amsbound);
    }

    public AdaBound withGamma(double gamma) {
        return new AdaBound(beta1, beta2, finalLr, gamma, eps, weightDecay, amsbound);
    }

    public AdaBound withEps(double eps) {
        return new AdaBound(beta1, beta2, finalLr, gamma, eps, weightDecay, amsbound);
    }

    public AdaBound withWeightDecay(double weightDecay) {
        return new AdaBound(beta1, beta2, finalLr, gamma, eps, weightDecay, amsbound);
    }

    public AdaBound withAmsbound(boolean amsbound) {
        return new AdaBound(beta1, beta2, finalLr, gamma, eps, weightDecay, amsbound);
    }

    @Override
    public String name() {
        return amsbound ? "amsbound" : "adabound";
    }

    @Override
    public List<String> slotNames() {
        return amsbound ? List.of(M, V, V_MAX) : List.of(M, V);
    }

    @Override
    public OptionalDouble defaultLearningRate() {
        return OptionalDouble.of(DEFAULT_LR);
    }

    /**
     * The per-step floats of step {@code context.step()}, computed in double and rounded once.
     *
     * @throws IllegalStateException if the learning rate of step 1 is 0 (the source divides by it)
     */
    public AdaBoundCoefficients coefficients(StepContext context) {
        double lr = context.learningRate();
        double baseLr = context.initialLearningRate();
        if (!(baseLr > 0)) {
            throw new IllegalStateException(name() + " scales finalLr by lr / (the learning rate of step 1), "
                    + "which must be > 0, got " + baseLr);
        }
        double t = context.step();
        double bc1 = 1.0 - Math.pow(beta1, t);
        double bc2 = 1.0 - Math.pow(beta2, t);
        double stepSize = lr * Math.sqrt(bc2) / bc1;
        double fl = finalLr * lr / baseLr;
        double lowerBound = fl * (1.0 - 1.0 / (gamma * t + 1.0));
        double upperBound = fl * (1.0 + 1.0 / (gamma * t));
        return new AdaBoundCoefficients((float) beta1, (float) (1.0 - beta1), (float) beta2, (float) (1.0 - beta2),
                (float) eps, (float) stepSize, (float) lowerBound, (float) upperBound, (float) weightDecay,
                weightDecay != 0);
    }

    @Override
    public StepPlan plan(StepContext context) {
        AdaBoundCoefficients c = coefficients(context);
        if (amsbound) {
            return (k, b, from, to) -> k.adaBound().amsBound(b.param(), b.grad(), b.slot(0), b.slot(1), b.slot(2), from, to, c);
        }
        return (k, b, from, to) -> k.adaBound().adaBound(b.param(), b.grad(), b.slot(0), b.slot(1), from, to, c);
    }
}
