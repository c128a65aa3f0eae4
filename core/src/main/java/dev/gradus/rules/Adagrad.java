package dev.gradus.rules;

import dev.gradus.kernel.AdagradCoefficients;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Adagrad with learning-rate decay, an initial accumulator value, coupled weight decay and
 * maximization, exactly as torch 1.13.1 {@code torch.optim.Adagrad} (dense path, spec R4).
 *
 * <p>Per step, in double: {@code clr = lr / (1 + (t − 1)·lr_decay)}. The accumulator {@code s}
 * starts at ⟨initial_accumulator_value⟩ in every element. Per element, with ⟨·⟩ rounding a double
 * to float once:
 * <pre>
 *   g ← maximize ? −g : g
 *   g ← g + ⟨λ⟩·θ                              if λ ≠ 0
 *   s ← s + g·g
 *   σ ← √s + ⟨eps⟩                             eps outside the sqrt; no bias correction
 *   θ ← θ + (⟨−clr⟩·g) / σ
 * </pre>
 * The sparse-gradient path of torch is out of scope.
 *
 * @param lrDecay                 lr_decay, default {@value #DEFAULT_LR_DECAY}; finite and {@code >= 0}
 * @param weightDecay             λ (coupled, L2), default {@value #DEFAULT_WEIGHT_DECAY}; finite and {@code >= 0}
 * @param initialAccumulatorValue initial value of every element of {@code s}, default
 *                                {@value #DEFAULT_INITIAL_ACCUMULATOR_VALUE}; finite and {@code >= 0}
 * @param eps                     default {@value #DEFAULT_EPS}; finite and {@code >= 0}
 * @param maximize                ascend instead of descend, default false
 */
public record Adagrad(double lrDecay, double weightDecay, double initialAccumulatorValue, double eps, boolean maximize)
        implements Rule {

    /** torch.optim.Adagrad default learning rate. */
    public static final double DEFAULT_LR = 1e-2;
    /** torch.optim.Adagrad default. */
    public static final double DEFAULT_LR_DECAY = 0.0;
    /** torch.optim.Adagrad default. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    /** torch.optim.Adagrad default. */
    public static final double DEFAULT_INITIAL_ACCUMULATOR_VALUE = 0.0;
    /** torch.optim.Adagrad default. */
    public static final double DEFAULT_EPS = 1e-10;

    /** Sum of squared gradients slot (torch: {@code sum}). */
    public static final String SUM = "sum";

    public Adagrad {
        Check.nonNegative("lrDecay", lrDecay);
        Check.nonNegative("weightDecay", weightDecay);
        Check.nonNegative("initialAccumulatorValue", initialAccumulatorValue);
        Check.nonNegative("eps", eps);
    }

    /** Adagrad with torch's defaults. */
    public Adagrad() {
        this(DEFAULT_LR_DECAY, DEFAULT_WEIGHT_DECAY, DEFAULT_INITIAL_ACCUMULATOR_VALUE, DEFAULT_EPS, false);
    }

    public Adagrad withLrDecay(double lrDecay) {
        return new Adagrad(lrDecay, weightDecay, initialAccumulatorValue, eps, maximize);
    }

    public Adagrad withWeightDecay(double weightDecay) {
        return new Adagrad(lrDecay, weightDecay, initialAccumulatorValue, eps, maximize);
    }

    public Adagrad withInitialAccumulatorValue(double initialAccumulatorValue) {
        return new Adagrad(lrDecay, weightDecay, initialAccumulatorValue, eps, maximize);
    }

    public Adagrad withEps(double eps) {
        return new Adagrad(lrDecay, weightDecay, initialAccumulatorValue, eps, maximize);
    }

    public Adagrad withMaximize(boolean maximize) {
        return new Adagrad(lrDecay, weightDecay, initialAccumulatorValue, eps, maximize);
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    public List<String> slotNames() {
        return List.of(SUM);
    }

    /** ⟨initial_accumulator_value⟩ for {@link #SUM} (torch fills the state with it at construction). */
    @Override
    public float initialSlotValue(String slot) {
        return SUM.equals(slot) ? (float) initialAccumulatorValue : 0f;
    }

    @Override
    public OptionalDouble defaultLearningRate() {
        return OptionalDouble.of(DEFAULT_LR);
    }

    /** The per-step floats of step {@code context.step()}, computed in double and rounded once. */
    public AdagradCoefficients coefficients(StepContext context) {
        double lr = context.learningRate();
        double t = context.step();
        double clr = lr / (1 + (t - 1) * lrDecay);
        return new AdagradCoefficients((float) -clr, (float) eps, (float) weightDecay, weightDecay != 0, maximize);
    }

    @Override
    public StepPlan plan(StepContext context) {
        AdagradCoefficients c = coefficients(context);
        return (k, b, from, to) -> k.adagrad().adagrad(b.param(), b.grad(), b.slot(0), from, to, c);
    }
}
