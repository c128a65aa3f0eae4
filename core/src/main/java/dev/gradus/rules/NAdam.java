package dev.gradus.rules;

import dev.gradus.kernel.NAdamCoefficients;

import java.util.List;
import java.util.OptionalDouble;

/**
 * NAdam, Adam with Nesterov momentum, in torch's momentum-decay form (spec R10a, {@code torch.optim.NAdam})
 * or Dozat's constant-μ form (spec R10b).
 *
 * <p>Per step, in double unless stated: {@code bc2 = 1 − β2^t};
 * <pre>
 *   MOMENTUM_DECAY:  μ_t = β1·(1 − 0.5·0.96^(t·ψ)),  μ_{t+1} = β1·(1 − 0.5·0.96^((t+1)·ψ))
 *                    π ← ⟨π·⟨μ_t⟩⟩                        float32 scalar state, shared by all parameters
 *                    π_next = (double) π · μ_{t+1}          CORRECTED (torch 2.x, the paper)
 *                    π_next = ⟨⟨π·⟨μ_t⟩⟩·⟨μ_{t+1}⟩⟩          TORCH_1_13 (float32; μ_t counted twice)
 *                    c_g = ((−lr)·(1 − μ_t)) / (1 − π),  c_m = ((−lr)·μ_{t+1}) / (1 − π_next)
 *   CONSTANT:        c_g = ((−lr)·(1 − β1)) / (1 − β1^t), c_m = ((−lr)·β1) / (1 − β1^(t+1))
 * </pre>
 * Per element, with ⟨·⟩ rounding a double to float once:
 * <pre>
 *   θ ← θ·⟨1 − lr·λ⟩                           decoupled, λ ≠ 0 (torch 2.x decoupled_weight_decay)
 *   g ← g + ⟨λ⟩·θ                              coupled, λ ≠ 0 (L2, torch 1.13)
 *   m ← m·⟨β1⟩ + ⟨1−β1⟩·g
 *   v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
 *   d ← √(v / ⟨bc2⟩) + ⟨eps⟩                    divide, then sqrt (Adam does the reverse)
 *   θ ← θ + (⟨c_g⟩·g) / d                       g includes L2
 *   θ ← θ + (⟨c_m⟩·m) / d                       a second, separately rounded update
 * </pre>
 * The μ-product π starts at 1 and is the scalar state {@value #MU_PRODUCT} (only with
 * {@link NAdamMuSchedule#MOMENTUM_DECAY}); torch keeps it in float32 even for float64 parameters.
 * Moments are updated with torch 1.13's multiply-add, not torch 2.x's lerp.
 *
 * @param beta1         β1, default {@value #DEFAULT_BETA1}; in [0, 1)
 * @param beta2         β2, default {@value #DEFAULT_BETA2}; in [0, 1)
 * @param eps           default {@value #DEFAULT_EPS}; finite and {@code >= 0}
 * @param weightDecay   λ, default {@value #DEFAULT_WEIGHT_DECAY}; finite and {@code >= 0}
 * @param decay         {@link WeightDecay#COUPLED} (L2, the torch 1.13 form and default) or
 *                      {@link WeightDecay#DECOUPLED} (torch 2.x {@code decoupled_weight_decay=True})
 * @param momentumDecay ψ, default {@value #DEFAULT_MOMENTUM_DECAY}; finite and {@code >= 0}; unused with
 *                      {@link NAdamMuSchedule#CONSTANT}
 * @param muSchedule    {@link NAdamMuSchedule#MOMENTUM_DECAY} (torch, default) or {@link NAdamMuSchedule#CONSTANT} (Dozat's simple form)
 * @param compat        π_next: {@link NAdamCompat#CORRECTED} (default, torch 2.x) or {@link NAdamCompat#TORCH_1_13}
 *                      (torch 1.13.1's bug); used only with {@link NAdamMuSchedule#MOMENTUM_DECAY}
 */
public record NAdam(double beta1, double beta2, double eps, double weightDecay, WeightDecay decay,
                    double momentumDecay, NAdamMuSchedule muSchedule, NAdamCompat compat) implements Rule {

    /** torch.optim.NAdam default learning rate. */
    public static final double DEFAULT_LR = 2e-3;
    /** torch.optim.NAdam default. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** torch.optim.NAdam default. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** torch.optim.NAdam default. */
    public static final double DEFAULT_EPS = 1e-8;
    /** torch.optim.NAdam default. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    /** torch.optim.NAdam default ψ (Dozat 2016's μ schedule uses t/250 = t·0.004). */
    public static final double DEFAULT_MOMENTUM_DECAY = 4e-3;

    /** First moment slot (torch: {@code exp_avg}). */
    public static final String M = "m";
    /** Second moment slot (torch: {@code exp_avg_sq}). */
    public static final String V = "v";
    /** Scalar state: the float32 μ-product π (torch: {@code mu_product}). */
    public static final String MU_PRODUCT = "muProduct";

    public NAdam {
        Check.unitHalfOpen("beta1", beta1);
        Check.unitHalfOpen("beta2", beta2);
        Check.nonNegative("eps", eps);
        Check.nonNegative("weightDecay", weightDecay);
        Check.notNull("decay", decay);
        Check.nonNegative("momentumDecay", momentumDecay);
        Check.notNull("muSchedule", muSchedule);
        Check.notNull("compat", compat);
    }

    /** NAdam with torch's defaults and the corrected μ-product. */
    public static NAdam nadam() {
        return new NAdam(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY, WeightDecay.COUPLED,
                DEFAULT_MOMENTUM_DECAY, NAdamMuSchedule.MOMENTUM_DECAY, NAdamCompat.CORRECTED);
    }

    public NAdam withBetas(double beta1, double beta2) {
        return new NAdam(beta1, beta2, eps, weightDecay, decay, momentumDecay, muSchedule, compat);
    }

    public NAdam withEps(double eps) {
        return new NAdam(beta1, beta2, eps, weightDecay, decay, momentumDecay, muSchedule, compat);
    }

    public NAdam withWeightDecay(double weightDecay) {
        return new NAdam(beta1, beta2, eps, weightDecay, decay, momentumDecay, muSchedule, compat);
    }

    public NAdam withDecay(WeightDecay decay) {
        return new NAdam(beta1, beta2, eps, weightDecay, decay, momentumDecay, muSchedule, compat);
    }

    public NAdam withMomentumDecay(double momentumDecay) {
        return new NAdam(beta1, beta2, eps, weightDecay, decay, momentumDecay, muSchedule, compat);
    }

    public NAdam withMuSchedule(NAdamMuSchedule muSchedule) {
        return new NAdam(beta1, beta2, eps, weightDecay, decay, momentumDecay, muSchedule, compat);
    }

    public NAdam withCompat(NAdamCompat compat) {
        return new NAdam(beta1, beta2, eps, weightDecay, decay, momentumDecay, muSchedule, compat);
    }

    @Override
    public String name() {
        return "nadam";
    }

    @Override
    public List<String> slotNames() {
        return List.of(M, V);
    }

    @Override
    public List<String> scalarNames() {
        return muSchedule == NAdamMuSchedule.MOMENTUM_DECAY ? List.of(MU_PRODUCT) : List.of();
    }

    @Override
    public double[] initialScalars() {
        return muSchedule == NAdamMuSchedule.MOMENTUM_DECAY ? new double[] {1.0} : new double[0];
    }

    @Override
    public OptionalDouble defaultLearningRate() {
        return OptionalDouble.of(DEFAULT_LR);
    }

    /** μ_t of torch's momentum-decay schedule, in double. */
    private double mu(double t) {
        return beta1 * (1.0 - 0.5 * Math.pow(0.96, t * momentumDecay));
    }

    /**
     * The float32 μ-product after step {@code context.step()}, {@code ⟨π·⟨μ_t⟩⟩} from the π of the
     * previous step in {@code context.scalars()} (which this does not modify).
     */
    public float muProduct(StepContext context) {
        float previous = (float) context.scalars()[0];
        // π ← ⟨π·⟨μ_t⟩⟩ (float32 arithmetic, spec R10a)
        return previous * (float) mu(context.step());
    }

    /**
     * The per-step floats of step {@code context.step()}, computed in double and rounded once. Reads
     * the previous μ-product from {@code context.scalars()} without modifying it.
     */
    public NAdamCoefficients coefficients(StepContext context) {
        double lr = context.learningRate();
        double t = context.step();
        double bc2 = 1.0 - Math.pow(beta2, t);
        double gradCoef;
        double momentumCoef;
        if (muSchedule == NAdamMuSchedule.MOMENTUM_DECAY) {
            double mu = mu(t);
            double muNext = mu(t + 1);
            float piF = muProduct(context);
            double pi = piF;
            double piNext = compat == NAdamCompat.TORCH_1_13
                    ? (double) ((piF * (float) mu) * (float) muNext)
                    : pi * muNext;
            gradCoef = (-lr * (1.0 - mu)) / (1.0 - pi);
            momentumCoef = (-lr * muNext) / (1.0 - piNext);
        } else {
            gradCoef = (-lr * (1.0 - beta1)) / (1.0 - Math.pow(beta1, t));
            momentumCoef = (-lr * beta1) / (1.0 - Math.pow(beta1, t + 1));
        }
        boolean decoupled = decay == WeightDecay.DECOUPLED && weightDecay != 0;
        boolean l2 = decay == WeightDecay.COUPLED && weightDecay != 0;
        return new NAdamCoefficients((float) beta1, (float) (1.0 - beta1), (float) beta2, (float) (1.0 - beta2),
                (float) bc2, (float) eps, (float) gradCoef, (float) momentumCoef, (float) weightDecay,
                (float) (1.0 - lr * weightDecay), l2, decoupled);
    }

    @Override
    public StepPlan plan(StepContext context) {
        NAdamCoefficients c = coefficients(context);
        if (muSchedule == NAdamMuSchedule.MOMENTUM_DECAY) {
            context.scalars()[0] = muProduct(context);
        }
        return (k, b, from, to) -> k.nadam().nadam(b.param(), b.grad(), b.slot(0), b.slot(1), from, to, c);
    }
}
