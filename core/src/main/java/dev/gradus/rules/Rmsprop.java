package dev.gradus.rules;

import dev.gradus.kernel.RmspropCoefficients;

import java.util.List;
import java.util.OptionalDouble;

/**
 * RMSprop with optional centering, momentum, coupled weight decay and maximization, exactly as
 * torch 1.13.1 {@code torch.optim.RMSprop} (spec R5).
 *
 * <p>Per element, with the per-step floats ⟨·⟩ rounded once from double:
 * <pre>
 *   g ← maximize ? −g : g
 *   g ← g + ⟨λ⟩·θ                              if λ ≠ 0
 *   v ← v·⟨α⟩ + (⟨1−α⟩·g)·g
 *   ḡ ← ḡ·⟨α⟩ + ⟨1−α⟩·g                        centered
 *   a ← √(v + (−1·ḡ)·ḡ)  (centered)  |  √v     a negative argument gives NaN, as in torch
 *   a ← a + ⟨eps⟩                              eps outside the sqrt (TF/Keras put it inside)
 *   b ← b·⟨μ⟩ + g/a;  θ ← θ + ⟨−lr⟩·b          momentum μ &gt; 0
 *   θ ← θ + (⟨−lr⟩·g) / a                      μ = 0
 * </pre>
 * Every state buffer starts at 0; unlike SGD's, the momentum buffer is zero-initialised. torch's
 * step counter is kept but unused.
 *
 * @param alpha       α, default {@value #DEFAULT_ALPHA}; finite and {@code >= 0} (torch checks no upper bound)
 * @param eps         default {@value #DEFAULT_EPS}; finite and {@code >= 0}
 * @param weightDecay λ (coupled, L2), default {@value #DEFAULT_WEIGHT_DECAY}; finite and {@code >= 0}
 * @param momentum    μ, default {@value #DEFAULT_MOMENTUM}; finite and {@code >= 0}
 * @param centered    normalise by an estimate of the gradient's variance, default false
 * @param maximize    ascend instead of descend, default false
 */
public record Rmsprop(double alpha, double eps, double weightDecay, double momentum, boolean centered, boolean maximize)
        implements Rule {

    /** torch.optim.RMSprop default learning rate. */
    public static final double DEFAULT_LR = 1e-2;
    /** torch.optim.RMSprop default. */
    public static final double DEFAULT_ALPHA = 0.99;
    /** torch.optim.RMSprop default. */
    public static final double DEFAULT_EPS = 1e-8;
    /** torch.optim.RMSprop default. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    /** torch.optim.RMSprop default. */
    public static final double DEFAULT_MOMENTUM = 0.0;

    /** Running average of g² (torch: {@code square_avg}). */
    public static final String SQUARE_AVG = "squareAvg";
    /** Running average of g, when centered (torch: {@code grad_avg}). */
    public static final String GRAD_AVG = "gradAvg";
    /** Momentum buffer, when μ &gt; 0 (torch: {@code momentum_buffer}). */
    public static final String MOMENTUM = "momentum";

    public Rmsprop {
        Check.nonNegative("alpha", alpha);
        Check.nonNegative("eps", eps);
        Check.nonNegative("weightDecay", weightDecay);
        Check.nonNegative("momentum", momentum);
    }

    /** RMSprop with torch's defaults. */
    public Rmsprop() {
        this(DEFAULT_ALPHA, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY, DEFAULT_MOMENTUM, false, false);
    }

    public Rmsprop withAlpha(double alpha) {
        return new Rmsprop(alpha, eps, weightDecay, momentum, centered, maximize);
    }

    public Rmsprop withEps(double eps) {
        return new Rmsprop(alpha, eps, weightDecay, momentum, centered, maximize);
    }

    public Rmsprop withWeightDecay(double weightDecay) {
        return new Rmsprop(alpha, eps, weightDecay, momentum, centered, maximize);
    }

    public Rmsprop withMomentum(double momentum) {
        return new Rmsprop(alpha, eps, weightDecay, momentum, centered, maximize);
    }

    public Rmsprop withCentered(boolean centered) {
        return new Rmsprop(alpha, eps, weightDecay, momentum, centered, maximize);
    }

    public Rmsprop withMaximize(boolean maximize) {
        return new Rmsprop(alpha, eps, weightDecay, momentum, centered, maximize);
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public List<String> slotNames() {
        if (centered) {
            return momentum > 0 ? List.of(SQUARE_AVG, GRAD_AVG, MOMENTUM) : List.of(SQUARE_AVG, GRAD_AVG);
        }
        return momentum > 0 ? List.of(SQUARE_AVG, MOMENTUM) : List.of(SQUARE_AVG);
    }

    @Override
    public OptionalDouble defaultLearningRate() {
        return OptionalDouble.of(DEFAULT_LR);
    }

    /** The per-step floats of step {@code context.step()}, computed in double and rounded once. */
    public RmspropCoefficients coefficients(StepContext context) {
        return new RmspropCoefficients((float) alpha, (float) (1.0 - alpha), (float) eps, (float) momentum,
                (float) -context.learningRate(), (float) weightDecay, weightDecay != 0, maximize);
    }

    @Override
    public StepPlan plan(StepContext context) {
        RmspropCoefficients c = coefficients(context);
        if (centered) {
            if (momentum > 0) {
                return (k, b, from, to) -> k.rmsprop().centeredMomentum(b.param(), b.grad(), b.slot(0), b.slot(1), b.slot(2), from, to, c);
            }
            return (k, b, from, to) -> k.rmsprop().centered(b.param(), b.grad(), b.slot(0), b.slot(1), from, to, c);
        }
        if (momentum > 0) {
            return (k, b, from, to) -> k.rmsprop().momentum(b.param(), b.grad(), b.slot(0), b.slot(1), from, to, c);
        }
        return (k, b, from, to) -> k.rmsprop().plain(b.param(), b.grad(), b.slot(0), from, to, c);
    }
}
