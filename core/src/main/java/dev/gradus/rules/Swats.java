package dev.gradus.rules;

import dev.gradus.kernel.SwatsCoefficients;
import dev.gradus.kernel.UpdateKernels;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.OptionalDouble;

/**
 * SWATS (Keskar &amp; Socher 2017, "Improving Generalization Performance by Switching from Adam to
 * SGD"), spec R18 and §D 16–18: Adam until a per-parameter estimate of the SGD learning rate settles,
 * then SGD with momentum at that rate. Sources: jettify/pytorch-optimizer {@code swats.py} (HEAD
 * 19c3e41) and Mrpatekful/swats {@code optim.py} (HEAD 8aef788), which have the same arithmetic.
 *
 * <p>Every step, per parameter, g is the gradient after coupled weight decay, {@code g + ⟨λ⟩·θ} when
 * λ ≠ 0, in both phases (the sources add it into the caller's gradient buffer; this rule never writes
 * the gradient, g is a value local to the kernel, and the numbers are the same).
 *
 * <p><b>Adam phase</b> (the paper's "efficient" form, eps on the raw √v). Per step, in double:
 * {@code bc1 = 1 − β1^t}, {@code bc2 = 1 − β2^t}, {@code ss = (lr·pow(bc2, 0.5))/bc1} (the sources'
 * {@code **}, hence {@code Math.pow}, spec §0.5). Per element, with ⟨·⟩ rounding a double to float once:
 * <pre>
 *   m ← m·⟨β1⟩ + ⟨1−β1⟩·g
 *   v ← v·⟨β2⟩ + (⟨1−β2⟩·g)·g
 *   vMax ← max(vMax, v); d ← √vMax + ⟨eps⟩     amsgrad
 *   d ← √v + ⟨eps⟩                             otherwise
 *   u ← (m/d)·⟨−ss⟩
 *   θ ← θ + u
 * </pre>
 * then, per parameter, in <b>float32</b> arithmetic (the sources evaluate it in the parameter's dtype,
 * and the golden switch steps depend on it):
 * <pre>
 *   pg = Σ u·g,  pp = Σ u·u                     each product rounded to float32, added as {@code sums} says
 *   if pg ≠ 0:                                  (a NaN pg counts as ≠ 0, as in torch)
 *     γ ← pp / (−pg)
 *     λ ← λ·⟨β2⟩ + ⟨1−β2⟩·γ                      the parameter's scalar {@value #SCALING_AVG} (torch: exp_avg2)
 *     Λ ← λ / ⟨bc2⟩
 *     switch if t &gt; 1, Λ &gt; 0 and close(Λ, γ)
 * </pre>
 * where {@code close} is torch's {@code allclose(Λ, γ, rtol=1e-6, atol=1e-8)}, in float32:
 * {@code Λ == γ}, or {@code |Λ − γ|} finite and {@code ≤ ⟨1e-8⟩ + |γ·⟨1e-6⟩|} (§D 18: the code's
 * criterion, not the paper's unverified absolute ε). If pg = 0 (an all-zero gradient) λ is unchanged and
 * nothing is tested. The <b>dot products</b> are summed as {@code sums} says. The default,
 * {@link SwatsSums#INDEX_ORDER_FLOAT}, adds them in float32, one element at a time in increasing index
 * order from +0, in both {@link SwatsCompat} modes: that is the reference BLAS {@code sdot} of the golden
 * build, which makes the {@link SwatsCompat#IMPLEMENTATION} golden files bit-exact, and it is deterministic
 * and identical in the scalar and the vector kernels at every width (the vector kernels form the products
 * lanewise and add them in lane order), but each sum is a chain of dependent additions, which bounds the
 * step's speed. {@link SwatsSums#FIXED_ORDER_DOUBLE} adds them in double in a fixed blocked order: at memory
 * speed on large parameters like Adam, more accurate, not the golden files' bits (the switch steps of the
 * files are unchanged).
 *
 * <p><b>The switch</b> belongs to the parameter group: its scalar state {@value #PHASE} becomes
 * {@value #PHASE_SGD} (from {@value #PHASE_ADAM}) and {@value #SGD_LEARNING_RATE} becomes Λ, the float32
 * value held exactly in a double. It is one-way. Parameters later in the same step, in registration order,
 * already take the SGD phase, as in the sources, so results depend on the parameter order. From the switch
 * on the SGD learning rate is Λ: <b>the scheduled learning rate is ignored</b> (the sources overwrite the
 * group's lr; the {@link dev.gradus.StepReport} still shows the scheduled value). m, v, vMax and λ are
 * frozen; t keeps counting.
 *
 * <p><b>SGD phase</b>, per element, b the slot {@value #MOMENTUM}: {@link SwatsCompat#PAPER} (default)
 * {@code b ← b·⟨β1⟩ + g; θ ← θ + ⟨−(1−β1)·Λ⟩·b} with b = 0 at the switch, or
 * {@link SwatsCompat#IMPLEMENTATION}, the repositories' form with its in-place (1−β1) shrink of b, for the
 * {@code swats_jettify} golden files; see {@link SwatsCompat}. Each parameter's scalar
 * {@value #MOMENTUM_STARTED} becomes 1 at its first SGD step.
 *
 * <p><b>Whole parameters.</b> The dot products run over the whole parameter, and the switch they decide
 * changes how later parameters step, so parameters step one after another, in registration order, each
 * to its end before the next begins ({@link #wholeParameters()}; the {@link dev.gradus.Optimizer} does so).
 * Within one parameter the plan, a {@link PartedPlan}, cuts the element work into parts of
 * {@link SwatsSums#PART_LENGTH} elements that may run on several threads: always in the SGD phase, and in
 * the Adam phase with {@link SwatsSums#FIXED_ORDER_DOUBLE}, whose per-part sums are added in range order
 * (the same bits for any thread count). With the default {@link SwatsSums#INDEX_ORDER_FLOAT} the Adam phase
 * is one part: each sum is one chain of float additions over the whole parameter. {@code apply} rejects a
 * range that is not {@code [0, length)} of the parameter's segments.
 *
 * @param beta1       β1, default {@value #DEFAULT_BETA1}; in [0, 1); also the SGD phase's momentum
 * @param beta2       β2, default {@value #DEFAULT_BETA2}; in [0, 1)
 * @param eps         default {@value #DEFAULT_EPS} (Mrpatekful, recommended, §D 17; jettify's default is
 *                    {@value #JETTIFY_EPS}); finite and {@code >= 0}
 * @param weightDecay λ (coupled, L2, both phases), default {@value #DEFAULT_WEIGHT_DECAY}; finite and
 *                    {@code >= 0} (jettify rejects λ &lt; 0, Mrpatekful checks nothing)
 * @param amsgrad     Adam phase with the running maximum of v, default false
 * @param nesterov    Nesterov momentum in the SGD phase, default false
 * @param compat      the SGD phase's form, default {@link SwatsCompat#PAPER}
 * @param sums        how the Adam phase's dot products are added, default {@link SwatsSums#INDEX_ORDER_FLOAT}
 */
public record Swats(double beta1, double beta2, double eps, double weightDecay, boolean amsgrad, boolean nesterov,
                    SwatsCompat compat, SwatsSums sums) implements Rule {

    /** Default learning rate of both sources' code (jettify's docstring says 1e-2). */
    public static final double DEFAULT_LR = 1e-3;
    /** Both sources' default. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Both sources' default. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Mrpatekful/swats default, recommended by the spec (§D 17). */
    public static final double DEFAULT_EPS = 1e-8;
    /** jettify/pytorch-optimizer default eps. */
    public static final double JETTIFY_EPS = 1e-3;
    /** Both sources' default. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;

    /** First moment slot (sources: {@code exp_avg}). */
    public static final String M = "m";
    /** Second moment slot (sources: {@code exp_avg_sq}). */
    public static final String V = "v";
    /** Running maximum of v with amsgrad (sources: {@code max_exp_avg_sq}). */
    public static final String V_MAX = "vMax";
    /** SGD-phase momentum buffer slot (sources: {@code momentum_buffer}); 0 until the parameter's first SGD step. */
    public static final String MOMENTUM = "momentum";

    /** Group scalar: {@value #PHASE_ADAM} or {@value #PHASE_SGD} (sources: the group's {@code phase}). */
    public static final String PHASE = "phase";
    /** Group scalar: Λ, the SGD learning rate from the switch on; 0 before (sources: the group's {@code lr}). */
    public static final String SGD_LEARNING_RATE = "sgdLearningRate";
    /** Value of {@value #PHASE} in the Adam phase. */
    public static final double PHASE_ADAM = 0;
    /** Value of {@value #PHASE} in the SGD phase. */
    public static final double PHASE_SGD = 1;

    /** Per-parameter scalar: λ, the float32 running average of the scaling γ (sources: {@code exp_avg2}). */
    public static final String SCALING_AVG = "scalingAvg";
    /** Per-parameter scalar: 1 once the parameter has taken an SGD step (the sources create the buffer then). */
    public static final String MOMENTUM_STARTED = "momentumStarted";

    /** torch's {@code allclose} tolerances of the switch test, as float32 ⟨1e-6⟩ and ⟨1e-8⟩. */
    private static final float RTOL = (float) 1e-6, ATOL = (float) 1e-8;

    public Swats {
        Check.unitHalfOpen("beta1", beta1);
        Check.unitHalfOpen("beta2", beta2);
        Check.nonNegative("eps", eps);
        Check.nonNegative("weightDecay", weightDecay);
        Check.notNull("compat", compat);
        Check.notNull("sums", sums);
    }

    /** With the default {@link SwatsSums#INDEX_ORDER_FLOAT} dot products. */
    public Swats(double beta1, double beta2, double eps, double weightDecay, boolean amsgrad, boolean nesterov,
                 SwatsCompat compat) {
        this(beta1, beta2, eps, weightDecay, amsgrad, nesterov, compat, SwatsSums.INDEX_ORDER_FLOAT);
    }

    /** SWATS with the recommended defaults: eps 1e-8, the paper's SGD phase. */
    public static Swats swats() {
        return new Swats(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY, false, false, SwatsCompat.PAPER,
                SwatsSums.INDEX_ORDER_FLOAT);
    }

    public Swats withBetas(double beta1, double beta2) {
        return new Swats(beta1, beta2, eps, weightDecay, amsgrad, nesterov, compat, sums);
    }

    public Swats withEps(double eps) {
        return new Swats(beta1, beta2, eps, weightDecay, amsgrad, nesterov, compat, sums);
    }

    public Swats withWeightDecay(double weightDecay) {
        return new Swats(beta1, beta2, eps, weightDecay, amsgrad, nesterov, compat, sums);
    }

    public Swats withAmsgrad(boolean amsgrad) {
        return new Swats(beta1, beta2, eps, weightDecay, amsgrad, nesterov, compat, sums);
    }

    public Swats withNesterov(boolean nesterov) {
        return new Swats(beta1, beta2, eps, weightDecay, amsgrad, nesterov, compat, sums);
    }

    public Swats withCompat(SwatsCompat compat) {
        return new Swats(beta1, beta2, eps, weightDecay, amsgrad, nesterov, compat, sums);
    }

    public Swats withSums(SwatsSums sums) {
        return new Swats(beta1, beta2, eps, weightDecay, amsgrad, nesterov, compat, sums);
    }

    @Override
    public String name() {
        return "swats";
    }

    @Override
    public List<String> slotNames() {
        return amsgrad ? List.of(M, V, V_MAX, MOMENTUM) : List.of(M, V, MOMENTUM);
    }

    @Override
    public List<String> scalarNames() {
        return List.of(PHASE, SGD_LEARNING_RATE);
    }

    @Override
    public double[] initialScalars() {
        return new double[] {PHASE_ADAM, 0.0};
    }

    @Override
    public List<String> parameterScalarNames() {
        return List.of(SCALING_AVG, MOMENTUM_STARTED);
    }

    @Override
    public double[] initialParameterScalars() {
        return new double[] {0.0, 0.0};
    }

    /** True: see "Whole parameters" above. */
    @Override
    public boolean wholeParameters() {
        return true;
    }

    @Override
    public OptionalDouble defaultLearningRate() {
        return OptionalDouble.of(DEFAULT_LR);
    }

    /**
     * The per-step floats of step {@code context.step()}, computed in double and rounded once; the SGD
     * multiplier from the group's Λ in {@code context.scalars()} (0 before the switch).
     */
    public SwatsCoefficients coefficients(StepContext context) {
        double lr = context.learningRate();
        double t = context.step();
        double bc1 = 1.0 - Math.pow(beta1, t);
        double bc2 = 1.0 - Math.pow(beta2, t);
        double stepSize = lr * Math.pow(bc2, 0.5) / bc1;
        double sgdLr = groupScalars(context)[1];
        double sgdStep = compat == SwatsCompat.IMPLEMENTATION ? -sgdLr : -(1.0 - beta1) * sgdLr;
        return new SwatsCoefficients((float) beta1, (float) (1.0 - beta1), (float) beta2, (float) (1.0 - beta2),
                (float) eps, (float) -stepSize, (float) sgdStep, (float) weightDecay, weightDecay != 0, nesterov);
    }

    /**
     * torch's {@code allclose(a, b, rtol=1e-6, atol=1e-8)} of two float32 values, in float32:
     * {@code a == b}, or {@code |a − b|} finite and {@code ≤ ⟨1e-8⟩ + |b·⟨1e-6⟩|}.
     */
    public static boolean close(float a, float b) {
        if (a == b) {
            return true;
        }
        float actual = Math.abs(a - b);
        float allowed = ATOL + Math.abs(b * RTOL);
        return Float.isFinite(actual) && actual <= allowed;
    }

    private double[] groupScalars(StepContext context) {
        double[] s = context.scalars();
        if (s.length != 2) {
            throw new IllegalArgumentException("SWATS needs its group scalars " + scalarNames() + " in the step context, got "
                    + s.length + " values");
        }
        return s;
    }

    /**
     * The step as a {@link PartedPlan}: parameters one after another, each parameter's element work in parts of
     * {@link SwatsSums#PART_LENGTH} elements (whole with the default index-order sums in the Adam phase: their
     * chains span the parameter), then the switch test on the parts' sums added in order.
     */
    @Override
    public StepPlan plan(StepContext context) {
        final double[] group = groupScalars(context);
        final float bc2 = (float) (1.0 - Math.pow(beta2, context.step()));
        final boolean mayTest = context.step() > 1;
        return new PartedPlan() {
            /** The step's floats; their SGD multiplier is recomputed when a parameter's finish sets Λ. */
            private SwatsCoefficients current = coefficients(context);
            /** The parts' unrounded sums of the parameter being stepped: pg of part i at [2i], pp at [2i + 1]. */
            private double[] partSums = NO_SUMS;

            @Override
            public long partLength(ParamBuffers b) {
                long length = cut(b);
                partSums = partSums(2 * PartedPlan.partCount(length(b), length));
                return length;
            }

            private long cut(ParamBuffers b) {
                boolean cut = group[0] == PHASE_SGD || sums == SwatsSums.FIXED_ORDER_DOUBLE;
                return cut ? SwatsSums.PART_LENGTH : Math.max(1, length(b));
            }

            @Override
            public void part(UpdateKernels k, ParamBuffers b, long from, long to) {
                long cut = cut(b);
                PartedPlan.checkPart(length(b), cut, from, to);
                double[] own = ownScalars(b);
                if (group[0] == PHASE_SGD) {
                    // Λ may have been set by an earlier parameter of this step: see finish.
                    sgdStep(k, b, current, own, from, to);
                    return;
                }
                int at = 2 * Math.toIntExact(from / cut);
                double[] into = partSums;
                if (at + 1 >= into.length) {
                    throw new IllegalStateException("part [" + from + ", " + to + ") of a parameter whose partLength was not asked first");
                }
                adamPhase(k, b, from, to, current, into, at);
            }

            @Override
            public void finish(ParamBuffers b, int parts) {
                double[] own = ownScalars(b);
                if (group[0] == PHASE_SGD) {
                    own[1] = 1;
                    return;
                }
                // the parts' sums added in double in range order, then rounded once
                double wideGrad = parts == 0 ? 0 : partSums[0], wideUpdate = parts == 0 ? 0 : partSums[1];
                for (int i = 1; i < parts; i++) {
                    wideGrad += partSums[2 * i];
                    wideUpdate += partSums[2 * i + 1];
                }
                float pg = (float) wideGrad, pp = (float) wideUpdate;
                if (pg != 0) {
                    // γ ← pp / (−pg)                               (float32, as every line of the test)
                    float scaling = pp / -pg;
                    // λ ← λ·⟨β2⟩ + ⟨1−β2⟩·γ
                    float avg = (float) own[0] * current.beta2() + current.oneMinusBeta2() * scaling;
                    own[0] = avg;
                    // Λ ← λ / ⟨bc2⟩
                    float corrected = avg / bc2;
                    if (mayTest && corrected > 0 && close(corrected, scaling)) {
                        group[0] = PHASE_SGD;
                        group[1] = corrected;
                        current = coefficients(context);        // the SGD multiplier from Λ, for later parameters
                    }
                }
            }
        };
    }

    private static final double[] NO_SUMS = new double[0];
    /**
     * Per stepping thread, the array the parts of its current parameter write their sums to, grown as needed and
     * kept: a plan is made every step, and an array per plan was 16 KB a step for a parameter of 16M floats.
     * The parts of one parameter all finish before the next parameter's {@code partLength} asks again.
     */
    private static final ThreadLocal<double[]> PART_SUMS = ThreadLocal.withInitial(() -> NO_SUMS);

    /** This thread's part sums array, at least {@code need} long. */
    private static double[] partSums(int need) {
        double[] held = PART_SUMS.get();
        if (held.length < need) {
            held = new double[need];
            PART_SUMS.set(held);
        }
        return held;
    }

    private static long length(ParamBuffers b) {
        return b.param().byteSize() / Float.BYTES;
    }

    private double[] ownScalars(ParamBuffers b) {
        double[] own = b.scalars();
        if (own.length != 2) {
            throw new IllegalArgumentException("SWATS needs the parameter scalars " + parameterScalarNames()
                    + " in its buffers, got " + own.length + " values");
        }
        return own;
    }

    /**
     * The Adam phase over [from, to), its two sums into {@code into[at]} (pg) and {@code into[at + 1]} (pp): the
     * fixed order's double sums, or the index order's float sums widened (exactly).
     */
    private void adamPhase(UpdateKernels k, ParamBuffers b, long from, long to, SwatsCoefficients c, double[] into, int at) {
        if (sums == SwatsSums.FIXED_ORDER_DOUBLE) {
            if (amsgrad) {
                k.swats().amsgradFixedOrder(b.param(), b.grad(), b.slot(0), b.slot(1), b.slot(2), from, to, c, into, at);
            } else {
                k.swats().adamFixedOrder(b.param(), b.grad(), b.slot(0), b.slot(1), from, to, c, into, at);
            }
        } else if (amsgrad) {
            k.swats().amsgrad(b.param(), b.grad(), b.slot(0), b.slot(1), b.slot(2), from, to, c, into, at);
        } else {
            k.swats().adam(b.param(), b.grad(), b.slot(0), b.slot(1), from, to, c, into, at);
        }
    }

    /** The SGD phase over [from, to); the finish marks the parameter's buffer as started. */
    private void sgdStep(UpdateKernels k, ParamBuffers b, SwatsCoefficients c, double[] own, long from, long to) {
        MemorySegment buffer = b.slot(amsgrad ? 3 : 2);
        if (compat == SwatsCompat.PAPER) {
            k.swats().sgd(b.param(), b.grad(), buffer, from, to, c);
        } else if (own[1] == 0) {
            k.swats().sgdFirst(b.param(), b.grad(), buffer, from, to, c);
        } else {
            k.swats().sgdShrinking(b.param(), b.grad(), buffer, from, to, c);
        }
    }
}
