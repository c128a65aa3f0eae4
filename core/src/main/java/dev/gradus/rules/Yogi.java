package dev.gradus.rules;

import dev.gradus.kernel.YogiCoefficients;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Yogi (Zaheer et al. 2018) exactly as jettify/pytorch-optimizer {@code torch_optimizer/yogi.py}
 * (HEAD 19c3e41, file blob ed0ab8d), the reference of the {@code yogi-*} golden files (spec R15,
 * §D row 25): both m and v start at ⟨initialAccumulatorValue⟩, and both are bias-corrected; the
 * paper's own initialisation differs.
 *
 * <p>Per step, in double: {@code bc1 = 1 − β1^t}, {@code bc2 = 1 − β2^t}, {@code step = lr/bc1},
 * {@code bc2s = √bc2}. Per element, with ⟨·⟩ rounding a double to float once:
 * <pre>
 *   g ← g + ⟨λ⟩·θ                              coupled L2, λ ≠ 0 (a local value)
 *   m ← m·⟨β1⟩ + ⟨1−β1⟩·g
 *   q ← g·g
 *   σ ← sign(v − q)                            +1, −1, or +0 for ±0 and NaN (torch's sign)
 *   v ← v + (⟨−(1−β2)⟩·σ)·q
 *   d ← √v / ⟨bc2s⟩ + ⟨eps⟩                     eps on the bias-corrected √v̂
 *   θ ← θ + (⟨−step⟩·m) / d
 * </pre>
 * The first product of the v update is exact, so v moves by ⟨1−β2⟩·q towards q, and stays where
 * v = q or g = 0. jettify adds the weight decay into a new tensor; this rule never writes the
 * caller's gradient either.
 *
 * @param beta1                   β1, default {@value #DEFAULT_BETA1}; in [0, 1)
 * @param beta2                   β2, default {@value #DEFAULT_BETA2}; in [0, 1)
 * @param eps                     default {@value #DEFAULT_EPS}; finite and {@code >= 0}
 * @param initialAccumulatorValue the value m and v start at, default
 *                                {@value #DEFAULT_INITIAL_ACCUMULATOR_VALUE}; any finite value
 *                                (jettify checks none; NaN and ±∞ are rejected here)
 * @param weightDecay             λ (coupled, L2), default {@value #DEFAULT_WEIGHT_DECAY}; finite and {@code >= 0}
 */
public record Yogi(double beta1, double beta2, double eps, double initialAccumulatorValue, double weightDecay)
        implements Rule {

    /** jettify Yogi default learning rate. */
    public static final double DEFAULT_LR = 1e-2;
    /** jettify Yogi default. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** jettify Yogi default. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** jettify Yogi default. */
    public static final double DEFAULT_EPS = 1e-3;
    /** jettify Yogi default ({@code initial_accumulator}). */
    public static final double DEFAULT_INITIAL_ACCUMULATOR_VALUE = 1e-6;
    /** jettify Yogi default. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;

    /** First moment slot (source: {@code exp_avg}). */
    public static final String M = "m";
    /** Second moment slot (source: {@code exp_avg_sq}). */
    public static final String V = "v";

    public Yogi {
        Check.unitHalfOpen("beta1", beta1);
        Check.unitHalfOpen("beta2", beta2);
        Check.nonNegative("eps", eps);
        Check.finite("initialAccumulatorValue", initialAccumulatorValue);
        Check.nonNegative("weightDecay", weightDecay);
    }

    /** Yogi with jettify's defaults. */
    public Yogi() {
        this(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_INITIAL_ACCUMULATOR_VALUE, DEFAULT_WEIGHT_DECAY);
    }

    public Yogi withBetas(double beta1, double beta2) {
        return new Yogi(beta1, beta2, eps, initialAccumulatorValue, weightDecay);
    }

    public Yogi withEps(double eps) {
        return new Yogi(beta1, beta2, eps, initialAccumulatorValue, weightDecay);
    }

    public Yogi withInitialAccumulatorValue(double initialAccumulatorValue) {
        return new Yogi(beta1, beta2, eps, initialAccumulatorValue, weightDecay);
    }

    public Yogi withWeightDecay(double weightDecay) {
        return new Yogi(beta1, beta2, eps, initialAccumulatorValue, weightDecay);
    }

    @Override
    public String name() {
        return "yogi";
    }

    @Override
    public List<String> slotNames() {
        return List.of(M, V);
    }

    /** ⟨initialAccumulatorValue⟩ for both m and v (torch's {@code nn.init.constant_}). */
    @Override
    public float initialSlotValue(String slot) {
        return (float) initialAccumulatorValue;
    }

    @Override
    public OptionalDouble defaultLearningRate() {
        return OptionalDouble.of(DEFAULT_LR);
    }

    /** The per-step floats of step {@code context.step()}, computed in double and rounded once. */
    public YogiCoefficients coefficients(StepContext context) {
        double lr = context.learningRate();
        double t = context.step();
        double bc1 = 1.0 - Math.pow(beta1, t);
        double bc2 = 1.0 - Math.pow(beta2, t);
        double stepSize = lr / bc1;
        return new YogiCoefficients((float) beta1, (float) (1.0 - beta1), (float) -(1.0 - beta2),
                (float) Math.sqrt(bc2), (float) eps, (float) -stepSize, (float) weightDecay, weightDecay != 0);
    }

    @Override
    public StepPlan plan(StepContext context) {
        YogiCoefficients c = coefficients(context);
        return (k, b, from, to) -> k.yogi().yogi(b.param(), b.grad(), b.slot(0), b.slot(1), from, to, c);
    }
}
