package dev.gradus.schedule;

import dev.gradus.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.gradus.schedule.RandomSchedules.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/** Properties of every schedule: purity, boundaries, continuity and defined values past the end. */
class SchedulePropertyTest {

    private static final int EXAMPLES = 300;
    /** The examples come from seeds, which do not shrink usefully. */
    private static final int SHRINKS = 10;

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static void same(double expected, double actual, String what) {
        assertEquals(bits(expected), bits(actual), () -> what + ": expected " + expected + " got " + actual);
    }

    /** The recursion of a chainable schedule, step by step without any memo, or its closed form. */
    private static double[] reference(Chainable c, int n) {
        double[] v = new double[n + 1];
        for (int e = 0; e <= n; e++) {
            v[e] = c.form() == Form.CLOSED ? c.closedFormAt(e) : e == 0 ? c.initialValue() : c.next(v[e - 1], e);
        }
        return v;
    }

    // ---- purity -------------------------------------------------------------------------------

    @Test
    void randomOrderEqualsSequentialOrderBitForBit() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).forAll(of(r -> new Object[] {RandomSchedules.any(r), r.nextLong()})).checkAssert(o -> {
            Schedule s = (Schedule) o[0];
            Random r = new Random((Long) o[1]);
            int n = 400;
            List<Integer> order = new ArrayList<>();
            for (int e = 0; e <= n; e++) {
                order.add(e);
                order.add(r.nextInt(n + 1));
            }
            Collections.shuffle(order, r);
            double[] shuffled = new double[n + 1];
            for (int e : order) {
                shuffled[e] = s.valueAt(e);
            }
            for (int e = 0; e <= n; e++) {
                same(s.valueAt(e), shuffled[e], s + " at " + e);
            }
            for (int e = n; e >= 0; e--) {
                same(shuffled[e], s.valueAt(e), s + " backwards at " + e);
            }
        });
    }

    @Test
    void chainableSchedulesFollowTheirRecursionOrClosedForm() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).forAll(of(RandomSchedules::chainable)).checkAssert(c -> {
            int n = 500;
            double[] ref = reference(c, n);
            for (int e = n; e >= 0; e -= 7) {
                same(ref[e], c.valueAt(e), c + " at " + e);
            }
            for (int e = 0; e <= n; e++) {
                same(ref[e], c.valueAt(e), c + " at " + e);
            }
        });
    }

    @Test
    void concurrentEvaluationGivesTheSequentialValues() throws Exception {
        SplittableRandom seeds = new SplittableRandom(42);
        List<Schedule> schedules = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            schedules.add(RandomSchedules.any(seeds.split()));
        }
        int n = 2000;
        double[][] expected = new double[schedules.size()][n + 1];
        for (int i = 0; i < schedules.size(); i++) {
            for (int e = 0; e <= n; e++) {
                expected[i][e] = schedules.get(i).valueAt(e);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                long seed = seeds.nextLong();
                done.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    for (int k = 0; k < 20_000; k++) {
                        int i = r.nextInt(schedules.size());
                        int e = r.nextInt(4) == 0 ? r.nextInt(n + 1) : (k % (n + 1));
                        same(expected[i][e], schedules.get(i).valueAt(e), schedules.get(i) + " at " + e + " in a thread");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void sequentialAccessCostsConstantTimePerStep() {
        // O(e) per call would be ~10^12 recursion steps here: hours instead of well under a second
        int n = 2_000_000;
        List<Schedule> schedules = List.of(new ExponentialDecay(0.1, 0.9999999), new CosineAnnealing(0.1, 100_000, 1e-5),
                new StepDecay(0.1, 1, 0.9999999), new LinearWarmup(0.1, 0.01, 1.0, n),
                Sequential.of(new LinearWarmup(0.1, 0.01, 1.0, 1000), 1000, new CosineAnnealing(0.1, 100_000)));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int e = 0; e <= n; e++) {
                for (Schedule s : schedules) {
                    assertTrue(Double.isFinite(s.valueAt(e)));
                }
            }
        });
    }

    @Test
    void negativeEpochsAreRejected() {
        qt().withExamples(100).withShrinkCycles(SHRINKS).forAll(of(RandomSchedules::any)).checkAssert(s -> {
            var ex = assertThrows(IllegalArgumentException.class, () -> s.valueAt(-1), s::toString);
            assertEquals("completedSteps must be >= 0, got -1", ex.getMessage());
        });
    }

    // ---- exact values at boundaries -----------------------------------------------------------

    @Test
    void stepDecayChangesOnlyAtMultiplesOfTheStepSize() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).forAll(of(RandomSchedules::stepDecay)).checkAssert(s -> {
            same(s.base(), s.valueAt(0), s + " at 0");
            for (long e = 1; e <= 300; e++) {
                double expected = s.form() == Form.CLOSED
                        ? s.base() * Math.pow(s.gamma(), e / s.stepSize())
                        : e % s.stepSize() == 0 ? s.valueAt(e - 1) * s.gamma() : s.valueAt(e - 1);
                same(expected, s.valueAt(e), s + " at " + e);
            }
        });
    }

    @Test
    void multiStepDecayChangesOnlyAtMilestones() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).forAll(of(RandomSchedules::multiStepDecay)).checkAssert(s -> {
            for (long e = 0; e <= 250; e++) {
                long at = e;
                int count = (int) s.milestones().stream().filter(m -> m == at).count();
                int passed = (int) s.milestones().stream().filter(m -> m <= at).count();
                double before = e == 0 ? s.base() : s.valueAt(e - 1);
                double expected = s.form() == Form.CLOSED ? s.base() * Math.pow(s.gamma(), passed)
                        : count == 0 ? before : before * Math.pow(s.gamma(), count);
                same(expected, s.valueAt(e), s + " at " + e);
            }
        });
    }

    @Test
    void exponentialDecayMultipliesEveryEpoch() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).forAll(of(RandomSchedules::exponentialDecay)).checkAssert(s -> {
            same(s.base(), s.valueAt(0), s + " at 0");
            for (long e = 1; e <= 300; e++) {
                double expected = s.form() == Form.CLOSED ? s.base() * Math.pow(s.gamma(), e) : s.valueAt(e - 1) * s.gamma();
                same(expected, s.valueAt(e), s + " at " + e);
            }
        });
    }

    @Test
    void constantWarmupHoldsTheFactorThenTheBase() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).forAll(of(RandomSchedules::constantWarmup)).checkAssert(s -> {
            double during = s.base() * s.factor();
            double after = s.form() == Form.CLOSED ? s.base() * (s.factor() + (1 - s.factor())) : during * (1.0 / s.factor());
            for (long e = 0; e <= s.totalIters() + 50; e++) {
                same(e < s.totalIters() ? during : after, s.valueAt(e), s + " at " + e);
            }
            same(after, s.valueAt(1L << 40), s + " far past the end");
            assertTrue(Math.abs(after - s.base()) <= 4 * Math.ulp(s.base()), s + ": after the warm-up " + after);
        });
    }

    @Test
    void linearWarmupRampsLinearlyThenHolds() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).forAll(of(RandomSchedules::linearWarmup)).checkAssert(s -> {
            long t = s.totalIters();
            double slope = s.base() * (s.endFactor() - s.startFactor()) / t;
            double tol = 1e-12 * Math.max(s.base(), 1e-300);
            same(s.form() == Form.CLOSED ? s.base() * (s.startFactor() + 0.0) : s.base() * s.startFactor(), s.valueAt(0), s + " at 0");
            for (long e = 1; e <= t; e++) {
                double step = s.valueAt(e) - s.valueAt(e - 1);
                assertTrue(Math.abs(step - slope) <= tol, s + " step at " + e + ": " + step + " vs " + slope);
            }
            assertTrue(Math.abs(s.valueAt(t) - s.base() * s.endFactor()) <= tol, s + " at T: " + s.valueAt(t));
            for (long e = t; e <= t + 40; e++) {
                same(s.valueAt(t), s.valueAt(e), s + " past T at " + e);
            }
            same(s.valueAt(t), s.valueAt(1L << 40), s + " far past T");
        });
    }

    @Test
    void cosineAnnealingReachesEtaMinAtTMaxAndContinuesPeriodically() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).forAll(of(RandomSchedules::cosineAnnealing)).checkAssert(s -> {
            long t = s.tMax();
            double amplitude = Math.abs(s.base() - s.etaMin());
            double scale = Math.max(Math.abs(s.base()), Math.abs(s.etaMin()));
            same(s.etaMin(), s.valueAt(t), s + " at tMax");
            if (s.form() == Form.RECURSIVE) {
                same(s.base(), s.valueAt(0), s + " at 0");
            }
            CosineAnnealing closed = s.withForm(Form.CLOSED);
            // the recursion divides by 1 + cos(π·(e−1)/T), as small as (π/T)²/2 just after T: its
            // rounding errors grow by up to ~T² relative to the closed form there
            double drift = 64 * Math.ulp(scale) * (1 + (double) t * t);
            double previous = s.valueAt(0);
            for (long e = 0; e <= 5 * t; e++) {
                double v = s.valueAt(e);
                // the recursive form stays within rounding of the closed form, also past tMax
                assertTrue(Math.abs(v - closed.valueAt(e)) <= drift, s + " vs closed form at " + e + ": " + v + " vs " + closed.valueAt(e));
                // periodic with period 2·tMax, rising back to base after tMax
                assertTrue(Math.abs(closed.valueAt(e + 2 * t) - closed.valueAt(e)) <= 1e-14 * scale, s + " period at " + e);
                // continuous: |Δ| ≤ amplitude·π/(2·tMax)
                assertTrue(Math.abs(v - previous) <= amplitude * Math.PI / (2 * t) + drift, s + " jump at " + e);
                previous = v;
            }
        });
    }

    @Test
    void warmRestartsRestartExactlyAndFollowTorchsCounters() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).forAll(of(RandomSchedules::cosineWarmRestarts)).checkAssert(s -> {
            // torch's step(): T_cur ← T_cur + 1; if T_cur ≥ T_i: T_cur ← T_cur − T_i, T_i ← T_i·T_mult
            long tCur = 0;
            long tI = s.t0();
            double amplitude = Math.abs(s.base() - s.etaMin());
            double scale = Math.max(Math.abs(s.base()), Math.abs(s.etaMin()));
            for (long e = 0; e <= 600; e++) {
                if (e > 0) {
                    tCur++;
                    if (tCur >= tI) {
                        tCur -= tI;
                        tI *= s.tMult();
                    }
                }
                double v = s.valueAt(e);
                same(s.etaMin() + (s.base() - s.etaMin()) * (1 + Math.cos(Math.PI * tCur / tI)) / 2, v, s + " at " + e);
                if (tCur == 0) {
                    same(s.valueAt(0), v, s + " restart at " + e);
                } else {
                    assertTrue(Math.abs(v - s.valueAt(e - 1)) <= amplitude * Math.PI / (2 * tI) + 1e-14 * scale, s + " jump at " + e);
                }
            }
            assertTrue(Double.isFinite(s.valueAt(Long.MAX_VALUE)), s + " at Long.MAX_VALUE");
        });
    }

    @Test
    void radamWarmupRisesLinearlyToTheBaseAtStepW() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).forAll(of(RandomSchedules::radamWarmup)).checkAssert(s -> {
            long w = s.warmup();
            for (long e = 0; e <= w + 20; e++) {
                long t = e + 1;
                same(w > t ? 1e-8 + t * s.base() / w : s.base(), s.valueAt(e), s + " at " + e);
            }
            same(s.base(), s.valueAt(Long.MAX_VALUE), s + " at Long.MAX_VALUE");
            if (w >= 1) {
                same(s.base(), s.valueAt(w - 1), s + ": step w uses the base");
            }
        });
    }

    @Test
    void cyclicStartsEachCycleAtItsBoundsAndStaysWithinThem() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).forAll(of(RandomSchedules::cyclic)).checkAssert(c -> {
            Schedule lr = c.learningRate();
            Schedule m = c.momentum();
            assertEquals(m, c.beta1(), "beta1 is the momentum series");
            double total = c.stepSizeUp() + c.stepSizeDown();
            double lo = Math.min(c.baseLr(), c.maxLr());
            double hi = Math.max(c.baseLr(), c.maxLr());
            double tol = 1e-12;
            for (long e = 0; e <= 400; e++) {
                double v = lr.valueAt(e);
                double mv = m.valueAt(e);
                assertTrue(v >= lo - tol && v <= hi + tol, c + " lr out of bounds at " + e + ": " + v);
                assertTrue(mv >= c.baseMomentum() - tol && mv <= c.maxMomentum() + tol, c + " momentum out of bounds at " + e);
                if (total == Math.rint(total) && e % (long) total == 0) {
                    same(c.baseLr(), v, c + " lr at cycle start " + e);
                    same(c.maxMomentum(), mv, c + " momentum at cycle start " + e);
                }
                double scale = switch (c.mode()) {
                    case TRIANGULAR -> 1.0;
                    case TRIANGULAR2 -> 1 / Math.pow(2.0, Math.floor(1 + e / total) - 1);
                    case EXP_RANGE -> Math.pow(c.gamma(), e);
                };
                // lr and momentum move together: (lr − base)/(max − base) = (maxM − m)/(maxM − baseM)
                double a = (v - c.baseLr()) / (c.maxLr() - c.baseLr());
                double b = (c.maxMomentum() - mv) / (c.maxMomentum() - c.baseMomentum());
                if (c.maxLr() != c.baseLr()) {
                    assertTrue(Math.abs(a - b) <= 1e-9 && a <= scale + 1e-9, c + " phase at " + e + ": " + a + " vs " + b);
                }
                if (e > 0 && c.stepSizeDown() >= 1) {
                    double slope = (hi - lo) * Math.max(1 / c.stepSizeUp(), 1 / c.stepSizeDown());
                    assertTrue(Math.abs(v - lr.valueAt(e - 1)) <= slope + tol, c + " jump at " + e);
                }
            }
            assertTrue(Double.isFinite(lr.valueAt(Long.MAX_VALUE)) && Double.isFinite(m.valueAt(Long.MAX_VALUE)), c + " far out");
        });
    }

    @Test
    void oneCycleIsContinuousReachesItsEndsAndHoldsTheLastPlannedValue() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).forAll(of(RandomSchedules::oneCycle)).checkAssert(c -> {
            Schedule lr = c.learningRate();
            Schedule m = c.momentum();
            assertEquals(m, c.beta1(), "beta1 is the momentum series");
            long n = c.totalSteps();
            double tol = 1e-12 * c.maxLr();
            double first = c.initialLr();
            if (c.anneal() == OneCycle.Anneal.LINEAR) {
                same(first, lr.valueAt(0), c + " lr at 0");
                same(c.maxMomentum(), m.valueAt(0), c + " momentum at 0");
            }
            assertTrue(Math.abs(lr.valueAt(0) - first) <= tol, c + " lr at 0");
            // the step-to-step change is bounded by the steepest phase
            double p = c.pctStart() * n;
            double[] lengths = c.threePhase() ? new double[] {p - 1, p - 1, n + 1 - 2 * p} : new double[] {p - 1, n - p};
            double[] spans = c.threePhase()
                    ? new double[] {c.maxLr() - first, c.maxLr() - first, first - c.minLr()}
                    : new double[] {c.maxLr() - first, c.maxLr() - c.minLr()};
            double slope = 0;
            double factor = c.anneal() == OneCycle.Anneal.COS ? Math.PI / 2 : 1;
            for (int i = 0; i < lengths.length; i++) {
                if (lengths[i] > 0) {
                    slope = Math.max(slope, factor * Math.abs(spans[i]) / Math.max(lengths[i], 1));
                }
            }
            for (long e = 1; e < n; e++) {
                assertTrue(Math.abs(lr.valueAt(e) - lr.valueAt(e - 1)) <= slope + tol, c + " lr jump at " + e);
                double v = lr.valueAt(e);
                assertTrue(v >= c.minLr() - tol && v <= c.maxLr() + tol, c + " lr out of bounds at " + e);
            }
            boolean lastPhaseReached = c.threePhase() ? 2 * p - 2 < n - 1 : p - 1 < n - 1;
            if (lastPhaseReached) {
                assertTrue(Math.abs(lr.valueAt(n - 1) - c.minLr()) <= tol, c + " lr at the end: " + lr.valueAt(n - 1));
                assertTrue(Math.abs(m.valueAt(n - 1) - c.maxMomentum()) <= 1e-12, c + " momentum at the end");
            }
            // past the end: the last planned value, for both series
            for (long e : new long[] {n, n + 1, n + 17, 10 * n, Long.MAX_VALUE}) {
                same(lr.valueAt(n - 1), lr.valueAt(e), c + " lr past the end at " + e);
                same(m.valueAt(n - 1), m.valueAt(e), c + " momentum past the end at " + e);
            }
        });
    }

    @Test
    void sequentialSwitchesAtMilestonesAndRestartsChainableSchedulesFromTheirClosedForm() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).forAll(of(RandomSchedules::sequential)).checkAssert(s -> {
            List<Schedule> parts = s.schedules();
            List<Long> ms = s.milestones();
            long end = (ms.isEmpty() ? 0 : ms.getLast()) + 80;
            for (int i = 0; i < parts.size(); i++) {
                long from = i == 0 ? 0 : ms.get(i - 1);
                long to = i < ms.size() ? ms.get(i) : end;
                Schedule p = parts.get(i);
                double[] own = new double[(int) (to - from)];
                for (int j = 0; j < own.length; j++) {
                    if (i > 0 && p instanceof Chainable c && c.form() == Form.RECURSIVE) {
                        own[j] = j == 0 ? c.closedFormAt(0) : c.next(own[j - 1], j);
                    } else {
                        own[j] = p.valueAt(j);
                    }
                }
                for (long e = from; e < to; e++) {
                    same(own[(int) (e - from)], s.valueAt(e), s + " at " + e + " (schedule " + i + ")");
                }
            }
        });
    }

    @Test
    void sequentialLinearWarmupThenCosineIsTorchsExample() {
        // spec §S9: LinearLR(0.01, 1, 20) then CosineAnnealingLR(100, 1e-4) at milestone 20
        double base = 0.1;
        LinearWarmup warm = new LinearWarmup(base, 0.01, 1.0, 20);
        CosineAnnealing cos = new CosineAnnealing(base, 100, 1e-4);
        Sequential s = Sequential.of(warm, 20, cos);
        for (long e = 0; e < 20; e++) {
            same(warm.valueAt(e), s.valueAt(e), "warm-up at " + e);
        }
        same(cos.closedFormAt(0), s.valueAt(20), "cosine at its epoch 0");
        double v = cos.closedFormAt(0);
        for (long e = 21; e < 300; e++) {
            v = cos.next(v, e - 20);
            same(v, s.valueAt(e), "cosine at " + e);
        }
    }
}
