package dev.gradus.rules;

import dev.gradus.kernel.SgdCoefficients;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum, coupled
 * weight decay and maximization, exactly as torch 1.13.1 {@code torch.optim.SGD} (spec R1–R3).
 *
 * <p>Per element, with the per-step floats ⟨·⟩ rounded once from double:
 * <pre>
 *   g ← maximize ? −g : g
 *   g ← g + ⟨λ⟩·θ                              if λ ≠ 0
 *   b ← g                                      first step (an exact copy: no dampening)
 *   b ← b·⟨μ⟩ + ⟨1−τ⟩·g                        later steps            (momentum μ ≠ 0 only)
 *   d ← nesterov ? g + ⟨μ⟩·b : b               (d ← g without momentum)
 *   θ ← θ + ⟨−lr⟩·d
 * </pre>
 * The buffer starts as a copy of the first gradient (torch's form {@code v = μv + g; θ −= lr·v},
 * not Sutskever's). The learning rate comes from the optimizer's schedule; torch 1.13 has no
 * default for it, so neither does this rule.
 *
 * @param momentum    μ, default {@value #DEFAULT_MOMENTUM}; finite and {@code >= 0} (torch checks no upper bound)
 * @param dampening   τ, default {@value #DEFAULT_DAMPENING}; any finite value (torch checks none)
 * @param nesterov    Nesterov momentum, default false; requires μ &gt; 0 and τ = 0
 * @param weightDecay λ (coupled, L2), default {@value #DEFAULT_WEIGHT_DECAY}; finite and {@code >= 0}
 * @param maximize    ascend instead of descend, default false
 */
public record Sgd(double momentum, double dampening, boolean nesterov, double weightDecay, boolean maximize)
        implements Rule {

    /** torch.optim.SGD default. */
    public static final double DEFAULT_MOMENTUM = 0.0;
    /** torch.optim.SGD default. */
    public static final double DEFAULT_DAMPENING = 0.0;
    /** torch.optim.SGD default. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;

    /** Name of the momentum buffer slot (torch: {@code momentum_buffer}). */
    public static final String MOMENTUM_SLOT = "momentum";

    public Sgd {
        Check.nonNegative("momentum", momentum);
        Check.finite("dampening", dampening);
        Check.nonNegative("weightDecay", weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("nesterov requires momentum > 0 and dampening = 0, got momentum "
                    + momentum + " and dampening " + dampening);
        }
    }

    /** Plain SGD with every default. */
    public Sgd() {
        this(DEFAULT_MOMENTUM, DEFAULT_DAMPENING, false, DEFAULT_WEIGHT_DECAY, false);
    }

    public Sgd withMomentum(double momentum) {
        return new Sgd(momentum, dampening, nesterov, weightDecay, maximize);
    }

    public Sgd withDampening(double dampening) {
        return new Sgd(momentum, dampening, nesterov, weightDecay, maximize);
    }

    public Sgd withNesterov(boolean nesterov) {
        return new Sgd(momentum, dampening, nesterov, weightDecay, maximize);
    }

    public Sgd withWeightDecay(double weightDecay) {
        return new Sgd(momentum, dampening, nesterov, weightDecay, maximize);
    }

    public Sgd withMaximize(boolean maximize) {
        return new Sgd(momentum, dampening, nesterov, weightDecay, maximize);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public List<String> slotNames() {
        return momentum != 0 ? List.of(MOMENTUM_SLOT) : List.of();
    }

    @Override
    public OptionalDouble defaultLearningRate() {
        return OptionalDouble.empty();
    }

    /** The per-step floats of step {@code context.step()}. */
    public SgdCoefficients coefficients(StepContext context) {
        return new SgdCoefficients((float) -context.learningRate(), (float) weightDecay, (float) momentum,
                (float) (1.0 - dampening), weightDecay != 0, nesterov, maximize);
    }

    @Override
    public StepPlan plan(StepContext context) {
        SgdCoefficients c = coefficients(context);
        if (momentum == 0) {
            return (k, b, from, to) -> k.sgd().plain(b.param(), b.grad(), from, to, c);
        }
        if (context.step() == 1) {
            return (k, b, from, to) -> k.sgd().momentumFirst(b.param(), b.grad(), b.slot(0), from, to, c);
        }
        return (k, b, from, to) -> k.sgd().momentum(b.param(), b.grad(), b.slot(0), from, to, c);
    }
}
