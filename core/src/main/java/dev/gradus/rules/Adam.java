package dev.gradus.rules;

import dev.gradus.kernel.AdamCoefficients;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Adam, and AdamW when weight decay is {@link WeightDecay#DECOUPLED}, with optional AMSGrad and
 * maximization, exactly as torch 1.13.1 {@code torch.optim.Adam}/{@code AdamW} (spec R6–R8).
 *
 * <p>Per step, in double: {@code bc1 = 1 − β1^t}, {@code bc2 = 1 − β2^t}, {@code step = lr/bc1},
 * {@code bc2s = √bc2}. Per element, with ⟨·⟩ rounding a double to float once:
 * <pre>
 *   g ← maximize ? −g : g
 *   θ ← θ·⟨1 − lr·λ⟩                           decoupled (AdamW)
 *   g ← g + ⟨λ⟩·θ                              coupled, λ ≠ 0
 *   m ← m·⟨β1⟩ + ⟨1−β1⟩·g
 *   v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
 *   vMax ← max(vMax, v); u ← vMax              amsgrad (the max of the raw v, corrected below)
 *   d ← √u / ⟨bc2s⟩ + ⟨eps⟩                     eps on the bias-corrected √v̂
 *   θ ← θ + (⟨−step⟩·m) / d
 * </pre>
 *
 * @param beta1       β1, default {@value #DEFAULT_BETA1}; in [0, 1)
 * @param beta2       β2, default {@value #DEFAULT_BETA2}; in [0, 1)
 * @param eps         default {@value #DEFAULT_EPS}; finite and {@code >= 0}
 * @param weightDecay λ, default {@value #DEFAULT_WEIGHT_DECAY} (Adam) or
 *                    {@value #DEFAULT_ADAMW_WEIGHT_DECAY} (AdamW); finite and {@code >= 0}
 * @param decay       {@link WeightDecay#COUPLED} (Adam) or {@link WeightDecay#DECOUPLED} (AdamW)
 * @param amsgrad     keep the running maximum of v, default false
 * @param maximize    ascend instead of descend, default false
 */
public record Adam(double beta1, double beta2, double eps, double weightDecay, WeightDecay decay,
                   boolean amsgrad, boolean maximize) implements Rule {

    /** torch.optim.Adam default learning rate. */
    public static final double DEFAULT_LR = 1e-3;
    /** torch.optim.Adam default. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** torch.optim.Adam default. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** torch.optim.Adam default. */
    public static final double DEFAULT_EPS = 1e-8;
    /** torch.optim.Adam default (coupled). */
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    /** torch.optim.AdamW default (decoupled). */
    public static final double DEFAULT_ADAMW_WEIGHT_DECAY = 1e-2;

    /** First moment slot (torch: {@code exp_avg}). */
    public static final String M = "m";
    /** Second moment slot (torch: {@code exp_avg_sq}). */
    public static final String V = "v";
    /** Running maximum of v with amsgrad (torch: {@code max_exp_avg_sq}). */
    public static final String V_MAX = "vMax";

    public Adam {
        Check.unitHalfOpen("beta1", beta1);
        Check.unitHalfOpen("beta2", beta2);
        Check.nonNegative("eps", eps);
        Check.nonNegative("weightDecay", weightDecay);
        Check.notNull("decay", decay);
    }

    /** Adam with torch's defaults. */
    public static Adam adam() {
        return new Adam(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY, WeightDecay.COUPLED, false, false);
    }

    /** AdamW with torch's defaults (λ = 1e-2, decoupled). */
    public static Adam adamW() {
        return new Adam(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_ADAMW_WEIGHT_DECAY, WeightDecay.DECOUPLED, false, false);
    }

    public Adam withBetas(double beta1, double beta2) {
        return new Adam(beta1, beta2, eps, weightDecay, decay, amsgrad, maximize);
    }

    public Adam withEps(double eps) {
        return new Adam(beta1, beta2, eps, weightDecay, decay, amsgrad, maximize);
    }

    public Adam withWeightDecay(double weightDecay) {
        return new Adam(beta1, beta2, eps, weightDecay, decay, amsgrad, maximize);
    }

    public Adam withDecay(WeightDecay decay) {
        return new Adam(beta1, beta2, eps, weightDecay, decay, amsgrad, maximize);
    }

    public Adam withAmsgrad(boolean amsgrad) {
        return new Adam(beta1, beta2, eps, weightDecay, decay, amsgrad, maximize);
    }

    public Adam withMaximize(boolean maximize) {
        return new Adam(beta1, beta2, eps, weightDecay, decay, amsgrad, maximize);
    }

    @Override
    public String name() {
        return decay == WeightDecay.DECOUPLED ? "adamw" : "adam";
    }

    @Override
    public List<String> slotNames() {
        return amsgrad ? List.of(M, V, V_MAX) : List.of(M, V);
    }

    @Override
    public OptionalDouble defaultLearningRate() {
        return OptionalDouble.of(DEFAULT_LR);
    }

    /** The per-step floats of step {@code context.step()}, computed in double and rounded once. */
    public AdamCoefficients coefficients(StepContext context) {
        double lr = context.learningRate();
        double t = context.step();
        double bc1 = 1.0 - Math.pow(beta1, t);
        double bc2 = 1.0 - Math.pow(beta2, t);
        double stepSize = lr / bc1;
        double bc2Sqrt = Math.sqrt(bc2);
        boolean decoupled = decay == WeightDecay.DECOUPLED;
        return new AdamCoefficients((float) beta1, (float) (1.0 - beta1), (float) beta2, (float) (1.0 - beta2),
                (float) bc2Sqrt, (float) eps, (float) -stepSize, (float) weightDecay,
                (float) (1.0 - lr * weightDecay), !decoupled && weightDecay != 0, decoupled, maximize);
    }

    @Override
    public StepPlan plan(StepContext context) {
        AdamCoefficients c = coefficients(context);
        if (amsgrad) {
            return (k, b, from, to) -> k.adam().amsgrad(b.param(), b.grad(), b.slot(0), b.slot(1), b.slot(2), from, to, c);
        }
        return (k, b, from, to) -> k.adam().adam(b.param(), b.grad(), b.slot(0), b.slot(1), from, to, c);
    }
}
