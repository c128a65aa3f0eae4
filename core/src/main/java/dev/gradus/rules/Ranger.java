package dev.gradus.rules;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Ranger 20.4.11 (lessw2020/Ranger-Deep-Learning-Optimizer {@code ranger/ranger.py}; spec R17): a
 * recipe, not a new kernel. It is RAdam in the paper repository's form with Ranger's choices,
 * inside Lookahead with the slow-plus formula, plus gradient centralisation:
 * <pre>
 *   g ← g + (−mean_row(g))                         rank &gt; 1 (&gt; 3 with gcConvOnly), written into the gradient
 *   v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g;  m ← m·⟨β1⟩ + ⟨1−β1⟩·g
 *   θ ← θ + ⟨(−λ)·lr⟩·θ                           λ ≠ 0, every step
 *   N &gt; 5:  θ ← θ + (⟨−s·lr⟩·m)/(√v + ⟨eps⟩)      s = √(… N …)/(1 − β1^t), as the RAdam repository
 *   else:   θ ← θ + ⟨−lr/(1 − β1^t)⟩·m            always the SGD fallback, never a skip
 *   t mod k = 0:  φ ← φ + ⟨α⟩·(θ − φ);  θ ← φ     φ starts as θ at registration
 * </pre>
 * The RAdam threshold is Ranger's {@code N_sma_threshhold} at its default 5, strict ({@code N > 5});
 * other thresholds are not offered. Ranger 2020.9.4's variant (decay inside the update, with its
 * aliasing bug) is not offered either.
 *
 * @param beta1       default {@value #DEFAULT_BETA1} (not torch's 0.9); in [0, 1)
 * @param beta2       default {@value #DEFAULT_BETA2}; in [0, 1)
 * @param eps         default {@value #DEFAULT_EPS}; finite and {@code > 0}
 * @param weightDecay λ, decoupled and lr-scaled additive, default 0; finite and {@code >= 0}
 * @param alpha       Lookahead's α, default {@value #DEFAULT_ALPHA}; in [0, 1]
 * @param k           Lookahead's period, default {@value #DEFAULT_K}; {@code >= 1}
 * @param useGc       gradient centralisation, default true
 * @param gcConvOnly  centralise only parameters of rank above 3, default false
 */
public record Ranger(double beta1, double beta2, double eps, double weightDecay, double alpha, int k,
                     boolean useGc, boolean gcConvOnly) implements Rule {

    /** Ranger 20.4.11 default. */
    public static final double DEFAULT_LR = 1e-3;
    /** Ranger 20.4.11 default. */
    public static final double DEFAULT_BETA1 = 0.95;
    /** Ranger 20.4.11 default. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Ranger 20.4.11 default. */
    public static final double DEFAULT_EPS = 1e-5;
    /** Ranger 20.4.11 default. */
    public static final double DEFAULT_ALPHA = 0.5;
    /** Ranger 20.4.11 default. */
    public static final int DEFAULT_K = 6;

    public Ranger {
        Check.unitHalfOpen("beta1", beta1);
        Check.unitHalfOpen("beta2", beta2);
        Check.positive("eps", eps);
        Check.nonNegative("weightDecay", weightDecay);
        Check.unitClosed("alpha", alpha);
        Check.atLeast("k", k, 1);
    }

    /** Ranger with its defaults. */
    public Ranger() {
        this(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, 0.0, DEFAULT_ALPHA, DEFAULT_K, true, false);
    }

    public Ranger withBetas(double beta1, double beta2) {
        return new Ranger(beta1, beta2, eps, weightDecay, alpha, k, useGc, gcConvOnly);
    }

    public Ranger withEps(double eps) {
        return new Ranger(beta1, beta2, eps, weightDecay, alpha, k, useGc, gcConvOnly);
    }

    public Ranger withWeightDecay(double weightDecay) {
        return new Ranger(beta1, beta2, eps, weightDecay, alpha, k, useGc, gcConvOnly);
    }

    public Ranger withLookahead(int k, double alpha) {
        return new Ranger(beta1, beta2, eps, weightDecay, alpha, k, useGc, gcConvOnly);
    }

    public Ranger withGc(boolean useGc, boolean gcConvOnly) {
        return new Ranger(beta1, beta2, eps, weightDecay, alpha, k, useGc, gcConvOnly);
    }

    /** The composition this recipe runs: RAdam (repository form, Ranger's options) inside Lookahead. */
    public Lookahead composition() {
        RAdam radam = new RAdam(beta1, beta2, eps, weightDecay, RAdamWeightDecay.DECOUPLED_ADDITIVE,
                RAdamForm.PAPER_REPO, RAdamThreshold.ABOVE_FIVE, RAdamEarlySteps.SGD);
        return new Lookahead(radam, k, alpha, Lookahead.Formula.SLOW_PLUS, Lookahead.Timing.EVERY_KTH);
    }

    @Override
    public String name() {
        return "ranger";
    }

    @Override
    public List<String> slotNames() {
        return composition().slotNames();
    }

    @Override
    public boolean slotCopiesParameter(String slot) {
        return composition().slotCopiesParameter(slot);
    }

    @Override
    public Optional<Centralization> centralization() {
        return useGc ? Optional.of(new Centralization(gcConvOnly)) : Optional.empty();
    }

    @Override
    public OptionalDouble defaultLearningRate() {
        return OptionalDouble.of(DEFAULT_LR);
    }

    @Override
    public StepPlan plan(StepContext context) {
        return composition().plan(context);
    }
}
