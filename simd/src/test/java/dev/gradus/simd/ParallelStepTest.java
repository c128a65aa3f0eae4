package dev.gradus.simd;

import dev.gradus.Optimizer;
import dev.gradus.StepPool;
import dev.gradus.rules.Rule;
import dev.gradus.rules.StepContext;
import dev.gradus.rules.StepPlan;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a step runs: on the pool's threads when it is large enough and every buffer can be shared,
 * on the calling thread otherwise. A recording rule notes the thread of every range it is applied
 * to; its ranges wait (bounded) for a second thread, so a pool that takes part is always seen.
 */
class ParallelStepTest {

    /** Records the threads its plan runs on; adds 1 to every parameter element, so coverage can be checked. */
    private static final class Recording implements Rule {
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final boolean waitForSecond;
        CountDownLatch two = new CountDownLatch(2);

        Recording(boolean waitForSecond) {
            this.waitForSecond = waitForSecond;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public List<String> slotNames() {
            return List.of();
        }

        @Override
        public OptionalDouble defaultLearningRate() {
            return OptionalDouble.of(1.0);
        }

        @Override
        public StepPlan plan(StepContext context) {
            return (k, b, from, to) -> {
                if (threads.add(Thread.currentThread())) {
                    two.countDown();
                }
                if (waitForSecond) {
                    try {
                        two.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                k.transforms().add(b.param(), from, to, 1f);
            };
        }
    }

    private static Set<Thread> stepThreads(Optimizer.Builder<Recording> b, Recording rule, MemorySegment value, MemorySegment grad) {
        try (Optimizer opt = b.build()) {
            opt.register("x", value, grad);
            opt.step();
            for (long i = 0; i < value.byteSize() / Float.BYTES; i++) {
                assertEquals(1f, value.getAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, i), "element " + i + " updated once");
            }
            return Set.copyOf(rule.threads);
        }
    }

    @Test
    void aLargeStepRunsOnThePool() {
        try (StepPool pool = StepPool.create(2)) {
            Recording rule = new Recording(true);
            float[] x = new float[100_000];
            Set<Thread> seen = stepThreads(Optimizer.builder(rule).pool(pool).parallelThreshold(50_000), rule,
                    MemorySegment.ofArray(x), MemorySegment.ofArray(new float[x.length]));
            assertEquals(2, seen.size(), "threads: " + seen);
            assertTrue(seen.contains(Thread.currentThread()));
        }
    }

    @Test
    void belowTheThresholdOrSingleThreadedTheCallerRunsAlone() {
        try (StepPool pool = StepPool.create(2)) {
            Recording small = new Recording(false);
            float[] x = new float[100_000];
            assertEquals(Set.of(Thread.currentThread()), stepThreads(Optimizer.builder(small).pool(pool).parallelThreshold(100_001), small,
                    MemorySegment.ofArray(x), MemorySegment.ofArray(new float[x.length])));
            Recording single = new Recording(false);
            assertEquals(Set.of(Thread.currentThread()), stepThreads(Optimizer.builder(single).singleThreaded(), single,
                    MemorySegment.ofArray(new float[x.length]), MemorySegment.ofArray(new float[x.length])));
        }
    }

    @Test
    void aConfinedArenaKeepsTheStepOnItsOwner() {
        try (StepPool pool = StepPool.create(2); Arena confined = Arena.ofConfined()) {
            Recording rule = new Recording(false);
            long n = 100_000;
            Set<Thread> seen = stepThreads(Optimizer.builder(rule).pool(pool).parallelThreshold(0), rule,
                    confined.allocate(n * Float.BYTES, 64), confined.allocate(n * Float.BYTES, 64));
            assertEquals(Set.of(Thread.currentThread()), seen, "workers cannot touch a confined arena's memory");
        }
    }
}
