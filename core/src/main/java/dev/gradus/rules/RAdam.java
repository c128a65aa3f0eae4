package dev.gradus.rules;

import dev.gradus.kernel.RAdamCoefficients;

import java.util.List;
import java.util.OptionalDouble;

/**
 * RAdam, Adam with a rectified adaptive learning rate: torch 1.13.1 {@code torch.optim.RAdam} by default
 * (spec R11a), or the paper repository's form (LiyuanLucasLiu/RAdam {@code radam/radam.py} at d9fd30a,
 * spec R11b, {@link #paperRepo()}) through its options.
 *
 * <p>Per step, in double: {@code bc1 = 1 − β1^t}, {@code bc2 = 1 − β2^t}, {@code ρ∞ = 2/(1 − β2) − 1},
 * {@code ρ_t = ρ∞ − ((2·t)·β2^t)/bc2} (ρ_1 = 1). The step rectifies when {@code ρ_t > 5}
 * ({@link RAdamThreshold#ABOVE_FIVE}) or {@code ρ_t ≥ 5} ({@link RAdamThreshold#AT_LEAST_FIVE}); then
 * <pre>
 *   r_t = √( (((ρ_t−4)·(ρ_t−2))·ρ∞) / (((ρ∞−4)·(ρ∞−2))·ρ_t) ),  √bc2          TORCH
 *   s   = √( ((((((bc2·(ρ_t−4))/(ρ∞−4))·(ρ_t−2))/ρ_t)·ρ∞)/(ρ∞−2)) ) / bc1       PAPER_REPO
 * </pre>
 * and otherwise {@code s = 1/bc1} (PAPER_REPO, {@link RAdamEarlySteps#SGD}). The decision is made per
 * step in {@link #plan}, which picks the kernel. Per element, with ⟨·⟩ rounding a double to float once:
 * <pre>
 *   θ ← θ·⟨1 − lr·λ⟩                    DECOUPLED, λ ≠ 0, θ changes this step
 *   θ ← θ + ⟨(−λ)·lr⟩·θ                 DECOUPLED_ADDITIVE, λ ≠ 0, θ changes this step
 *   g ← g + ⟨λ⟩·θ                       COUPLED (L2), λ ≠ 0
 *   m ← m·⟨β1⟩ + ⟨1−β1⟩·g
 *   v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
 *   TORCH, rectified:       m̂ ← m / ⟨bc1⟩; a ← (1/(√v + ⟨eps⟩))·⟨√bc2⟩; θ ← θ − ((m̂·⟨lr⟩)·a)·⟨r_t⟩
 *   TORCH, SGD:             m̂ ← m / ⟨bc1⟩; θ ← θ − m̂·⟨lr⟩
 *   PAPER_REPO, rectified:  θ ← θ + (⟨(−s)·lr⟩·m) / (√v + ⟨eps⟩)
 *   PAPER_REPO, SGD:        θ ← θ + ⟨(−s)·lr⟩·m
 *   SKIP:                   θ unchanged
 * </pre>
 * eps sits on the raw √v in both forms. Moments use torch 1.13's multiply-add, not torch 2.x's lerp.
 *
 * @param beta1       β1, default {@value #DEFAULT_BETA1}; in [0, 1)
 * @param beta2       β2, default {@value #DEFAULT_BETA2}; in [0, 1)
 * @param eps         default {@value #DEFAULT_EPS}; finite and {@code >= 0}
 * @param weightDecay λ, default {@value #DEFAULT_WEIGHT_DECAY}; finite and {@code >= 0} (the paper repo checks nothing)
 * @param decay       where λ applies: {@link RAdamWeightDecay#COUPLED} (torch 1.13, default),
 *                    {@link RAdamWeightDecay#DECOUPLED} (torch 2.x option) or
 *                    {@link RAdamWeightDecay#DECOUPLED_ADDITIVE} (paper repo)
 * @param form        how the scalars fold: {@link RAdamForm#TORCH} (default) or {@link RAdamForm#PAPER_REPO}
 * @param threshold   {@link RAdamThreshold#ABOVE_FIVE} (torch, default) or {@link RAdamThreshold#AT_LEAST_FIVE} (paper repo)
 * @param earlySteps  steps that do not rectify: {@link RAdamEarlySteps#SGD} (torch's un-rectified step, default;
 *                    the repo's {@code degenerated_to_sgd=True}) or {@link RAdamEarlySteps#SKIP} (the repo's HEAD default)
 */
public record RAdam(double beta1, double beta2, double eps, double weightDecay, RAdamWeightDecay decay,
                    RAdamForm form, RAdamThreshold threshold, RAdamEarlySteps earlySteps) implements Rule {

    /** torch.optim.RAdam and the paper repo's default learning rate. */
    public static final double DEFAULT_LR = 1e-3;
    /** torch.optim.RAdam and paper repo default. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** torch.optim.RAdam and paper repo default. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** torch.optim.RAdam and paper repo default. */
    public static final double DEFAULT_EPS = 1e-8;
    /** torch.optim.RAdam and paper repo default. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;

    /** First moment slot (torch: {@code exp_avg}). */
    public static final String M = "m";
    /** Second moment slot (torch: {@code exp_avg_sq}). */
    public static final String V = "v";

    public RAdam {
        Check.unitHalfOpen("beta1", beta1);
        Check.unitHalfOpen("beta2", beta2);
        Check.nonNegative("eps", eps);
        Check.nonNegative("weightDecay", weightDecay);
        Check.notNull("decay", decay);
        Check.notNull("form", form);
        Check.notNull("threshold", threshold);
        Check.notNull("earlySteps", earlySteps);
    }

    /** torch.optim.RAdam (1.13.1) with its defaults. */
    public static RAdam radam() {
        return new RAdam(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY, RAdamWeightDecay.COUPLED,
                RAdamForm.TORCH, RAdamThreshold.ABOVE_FIVE, RAdamEarlySteps.SGD);
    }

    /**
     * The paper repository's {@code RAdam} at HEAD d9fd30a with its defaults: ρ_t ≥ 5, early steps skipped
     * ({@code degenerated_to_sgd=False}), decoupled additive weight decay.
     */
    public static RAdam paperRepo() {
        return new RAdam(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY, RAdamWeightDecay.DECOUPLED_ADDITIVE,
                RAdamForm.PAPER_REPO, RAdamThreshold.AT_LEAST_FIVE, RAdamEarlySteps.SKIP);
    }

    public RAdam withBetas(double beta1, double beta2) {
        return new RAdam(beta1, beta2, eps, weightDecay, decay, form, threshold, earlySteps);
    }

    public RAdam withEps(double eps) {
        return new RAdam(beta1, beta2, eps, weightDecay, decay, form, threshold, earlySteps);
    }

    public RAdam withWeightDecay(double weightDecay) {
        return new RAdam(beta1, beta2, eps, weightDecay, decay, form, threshold, earlySteps);
    }

    public RAdam withDecay(RAdamWeightDecay decay) {
        return new RAdam(beta1, beta2, eps, weightDecay, decay, form, threshold, earlySteps);
    }

    public RAdam withForm(RAdamForm form) {
        return new RAdam(beta1, beta2, eps, weightDecay, decay, form, threshold, earlySteps);
    }

    public RAdam withThreshold(RAdamThreshold threshold) {
        return new RAdam(beta1, beta2, eps, weightDecay, decay, form, threshold, earlySteps);
    }

    public RAdam withEarlySteps(RAdamEarlySteps earlySteps) {
        return new RAdam(beta1, beta2, eps, weightDecay, decay, form, threshold, earlySteps);
    }

    @Override
    public String name() {
        return form == RAdamForm.PAPER_REPO ? "radam_orig" : "radam";
    }

    @Override
    public List<String> slotNames() {
        return List.of(M, V);
    }

    @Override
    public OptionalDouble defaultLearningRate() {
        return OptionalDouble.of(DEFAULT_LR);
    }

    /** ρ_t, the length of the approximated SMA at step {@code t}, in double. */
    public double rho(long t) {
        double step = t;
        double b2t = Math.pow(beta2, step);
        double rhoInf = 2.0 / (1.0 - beta2) - 1.0;
        return rhoInf - ((2.0 * step) * b2t) / (1.0 - b2t);
    }

    /** Whether step {@code t} rectifies (decided on the double ρ_t). */
    public boolean rectifies(long t) {
        double rho = rho(t);
        return threshold == RAdamThreshold.ABOVE_FIVE ? rho > 5.0 : rho >= 5.0;
    }

    /** The per-step floats of step {@code context.step()}, computed in double and rounded once. */
    public RAdamCoefficients coefficients(StepContext context) {
        double lr = context.learningRate();
        double t = context.step();
        boolean rectified = rectifies(context.step());
        boolean thetaChanges = rectified || earlySteps == RAdamEarlySteps.SGD;
        double bc1 = 1.0 - Math.pow(beta1, t);
        double b2t = Math.pow(beta2, t);
        double bc2 = 1.0 - b2t;
        double rhoInf = 2.0 / (1.0 - beta2) - 1.0;
        double rho = rho(context.step());
        float fBc1 = Float.NaN, fLr = Float.NaN, bc2Sqrt = Float.NaN, rect = Float.NaN, negStepLr = Float.NaN;
        if (form == RAdamForm.TORCH) {
            fBc1 = (float) bc1;
            fLr = (float) lr;
            if (rectified) {
                rect = (float) Math.sqrt((((rho - 4.0) * (rho - 2.0)) * rhoInf) / (((rhoInf - 4.0) * (rhoInf - 2.0)) * rho));
                bc2Sqrt = (float) Math.sqrt(bc2);
            }
        } else if (rectified) {
            double s = Math.sqrt((((((bc2 * (rho - 4.0)) / (rhoInf - 4.0)) * (rho - 2.0)) / rho) * rhoInf) / (rhoInf - 2.0))
                    / (1.0 - Math.pow(beta1, t));
            negStepLr = (float) (-s * lr);
        } else if (earlySteps == RAdamEarlySteps.SGD) {
            double s = 1.0 / (1.0 - Math.pow(beta1, t));
            negStepLr = (float) (-s * lr);
        }
        boolean wd = weightDecay != 0;
        return new RAdamCoefficients((float) beta1, (float) (1.0 - beta1), (float) beta2, (float) (1.0 - beta2),
                fBc1, fLr, (float) eps, bc2Sqrt, rect, negStepLr,
                (float) weightDecay, (float) (1.0 - lr * weightDecay), (float) (-weightDecay * lr),
                wd && decay == RAdamWeightDecay.COUPLED,
                wd && thetaChanges && decay == RAdamWeightDecay.DECOUPLED,
                wd && thetaChanges && decay == RAdamWeightDecay.DECOUPLED_ADDITIVE);
    }

    @Override
    public StepPlan plan(StepContext context) {
        RAdamCoefficients c = coefficients(context);
        boolean torch = form == RAdamForm.TORCH;
        if (rectifies(context.step())) {
            return torch
                    ? (k, b, from, to) -> k.radam().rectified(b.param(), b.grad(), b.slot(0), b.slot(1), from, to, c)
                    : (k, b, from, to) -> k.radam().repoRectified(b.param(), b.grad(), b.slot(0), b.slot(1), from, to, c);
        }
        if (earlySteps == RAdamEarlySteps.SKIP) {
            return (k, b, from, to) -> k.radam().momentsOnly(b.param(), b.grad(), b.slot(0), b.slot(1), from, to, c);
        }
        return torch
                ? (k, b, from, to) -> k.radam().unrectified(b.param(), b.grad(), b.slot(0), b.slot(1), from, to, c)
                : (k, b, from, to) -> k.radam().repoSgd(b.param(), b.grad(), b.slot(0), b.slot(1), from, to, c);
    }
}
