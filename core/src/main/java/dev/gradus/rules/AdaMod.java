package dev.gradus.rules;

import dev.gradus.kernel.AdaModCoefficients;

import java.util.List;
import java.util.OptionalDouble;

/**
 * AdaMod, exactly as the authors' {@code AdaMod} class (lancopku/AdaMod {@code adamod/adamod.py} at
 * d866407, file last changed in 520c7fa, which renamed {@code gamma} to {@code beta3}; spec R13).
 * jettify/pytorch-optimizer's {@code AdaMod} has the same arithmetic.
 *
 * <p>Per step, in double, in the source's expression order: {@code bc1 = 1 − β1^t},
 * {@code bc2 = 1 − β2^t}, {@code ss = (lr·√bc2)/bc1}, and {@code (−λ)·lr}. Per element, with ⟨·⟩
 * rounding a double to float once:
 * <pre>
 *   m ← m·⟨β1⟩ + ⟨1−β1⟩·g
 *   v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
 *   d ← √v + ⟨eps⟩                              eps on the raw √v: the bias correction is in ss
 *   θ ← θ + ⟨(−λ)·lr⟩·θ                         decoupled, lr-scaled, additive; λ ≠ 0; before the update
 *   η ← ⟨ss⟩/d
 *   s ← s·⟨β3⟩ + ⟨1−β3⟩·η                       the EMA of the step sizes (source: exp_avg_lr)
 *   η ← min(η, s)                              NaN-propagating
 *   θ ← θ − η·m
 * </pre>
 * The weight decay is decided on λ alone, as the source does ({@code if weight_decay != 0}); it is
 * not L2: the gradient is untouched.
 *
 * @param beta1       β1, default {@value #DEFAULT_BETA1} (source default); in [0, 1)
 * @param beta2       β2, default {@value #DEFAULT_BETA2} (source default); in [0, 1)
 * @param beta3       β3, smoothing of the step-size average, default {@value #DEFAULT_BETA3}: the value
 *                    in the source's code. Its docstring says 0.9999, which is wrong (spec §D row 13);
 *                    in [0, 1)
 * @param eps         default {@value #DEFAULT_EPS} (source default); finite and {@code >= 0}
 * @param weightDecay λ, decoupled and lr-scaled, default {@value #DEFAULT_WEIGHT_DECAY} (source default);
 *                    finite and {@code >= 0} (the authors check nothing, jettify {@code >= 0})
 */
public record AdaMod(double beta1, double beta2, double beta3, double eps, double weightDecay) implements Rule {

    /** lancopku/AdaMod default learning rate. */
    public static final double DEFAULT_LR = 1e-3;
    /** lancopku/AdaMod default. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** lancopku/AdaMod default. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** lancopku/AdaMod default in the code (the docstring's 0.9999 is wrong). */
    public static final double DEFAULT_BETA3 = 0.999;
    /** lancopku/AdaMod default. */
    public static final double DEFAULT_EPS = 1e-8;
    /** lancopku/AdaMod default (decoupled, lr-scaled). */
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;

    /** First moment slot (source: {@code exp_avg}). */
    public static final String M = "m";
    /** Second moment slot (source: {@code exp_avg_sq}). */
    public static final String V = "v";
    /** Exponential moving average of the per-element step sizes η (source: {@code exp_avg_lr}). */
    public static final String STEP_SIZE_AVG = "s";

    public AdaMod {
        Check.unitHalfOpen("beta1", beta1);
        Check.unitHalfOpen("beta2", beta2);
        Check.unitHalfOpen("beta3", beta3);
        Check.nonNegative("eps", eps);
        Check.nonNegative("weightDecay", weightDecay);
    }

    /** AdaMod with the authors' defaults. */
    public AdaMod() {
        this(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_BETA3, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY);
    }

    public AdaMod withBetas(double beta1, double beta2) {
        return new AdaMod(beta1, beta2, beta3, eps, weightDecay);
    }

    public AdaMod withBeta3(double beta3) {
        return new AdaMod(beta1, beta2, beta3, eps, weightDecay);
    }

    public AdaMod withEps(double eps) {
        return new AdaMod(beta1, beta2, beta3, eps, weightDecay);
    }

    public AdaMod withWeightDecay(double weightDecay) {
        return new AdaMod(beta1, beta2, beta3, eps, weightDecay);
    }

    @Override
    public String name() {
        return "adamod";
    }

    @Override
    public List<String> slotNames() {
        return List.of(M, V, STEP_SIZE_AVG);
    }

    @Override
    public OptionalDouble defaultLearningRate() {
        return OptionalDouble.of(DEFAULT_LR);
    }

    /** The per-step floats of step {@code context.step()}, computed in double and rounded once. */
    public AdaModCoefficients coefficients(StepContext context) {
        double lr = context.learningRate();
        double t = context.step();
        double bc1 = 1.0 - Math.pow(beta1, t);
        double bc2 = 1.0 - Math.pow(beta2, t);
        double stepSize = lr * Math.sqrt(bc2) / bc1;
        double negDecay = -weightDecay * lr;
        return new AdaModCoefficients((float) beta1, (float) (1.0 - beta1), (float) beta2, (float) (1.0 - beta2),
                (float) beta3, (float) (1.0 - beta3), (float) eps, (float) stepSize, (float) negDecay,
                weightDecay != 0);
    }

    @Override
    public StepPlan plan(StepContext context) {
        AdaModCoefficients c = coefficients(context);
        return (k, b, from, to) -> k.adaMod().adaMod(b.param(), b.grad(), b.slot(0), b.slot(1), b.slot(2), from, to, c);
    }
}
