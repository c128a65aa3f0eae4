package dev.gradus.simd;

import dev.gradus.Optimizer;
import dev.gradus.StepPool;
import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.SwatsKernels;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.Swats;
import dev.gradus.rules.SwatsSums;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A multi-threaded SWATS step: parameters in order, each one's element work in parts of
 * {@link SwatsSums#PART_LENGTH} on the pool (the SGD phase, and the Adam phase with double sums), the
 * default float sums' Adam phase whole on one thread; and the same bits on one thread and two, through
 * the switch. The kernels are the selected ones behind a recorder of every SWATS kernel call.
 */
class SwatsPartsTest {

    private static final int N = 100_000;

    /** One SWATS kernel call: the method, its range, its thread. */
    private record Call(String method, long from, long to, Thread thread) {
    }

    /** The selected kernels, recording every SWATS call; with {@code waitForSecond} a call waits (bounded) until a second thread has called. */
    private static final class Recorder {
        final List<Call> calls = new CopyOnWriteArrayList<>();
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final CountDownLatch two = new CountDownLatch(2);
        final UpdateKernels kernels;

        Recorder(boolean waitForSecond) {
            UpdateKernels inner = Kernels.selected();
            SwatsKernels swats = (SwatsKernels) Proxy.newProxyInstance(SwatsKernels.class.getClassLoader(),
                    new Class<?>[] {SwatsKernels.class}, (proxy, m, args) -> {
                        long[] range = range(args);
                        calls.add(new Call(m.getName(), range[0], range[1], Thread.currentThread()));
                        if (threads.add(Thread.currentThread())) {
                            two.countDown();
                        }
                        if (waitForSecond) {
                            two.await(5, TimeUnit.SECONDS);
                        }
                        return invoke(m, inner.swats(), args);
                    });
            kernels = (UpdateKernels) Proxy.newProxyInstance(UpdateKernels.class.getClassLoader(),
                    new Class<?>[] {UpdateKernels.class}, (proxy, m, args) -> m.getName().equals("swats") ? swats : invoke(m, inner, args));
        }

        /** The two {@code long} arguments of a kernel call: from and to. */
        private static long[] range(Object[] args) {
            long[] r = new long[2];
            int k = 0;
            for (Object a : args) {
                if (a instanceof Long l) {
                    r[k++] = l;
                }
            }
            assertEquals(2, k, "a SWATS kernel takes from and to");
            return r;
        }

        private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        List<Call> calls(String method) {
            return calls.stream().filter(c -> c.method().equals(method)).toList();
        }
    }

    private static Optimizer optimizer(Swats rule, UpdateKernels kernels, StepPool pool) {
        var b = Optimizer.builder(rule).learningRate(1e-3).kernels(kernels);
        return (pool == null ? b.singleThreaded() : b.pool(pool).parallelThreshold(0)).build();
    }

    /** θ and a fixed g over n floats of a shared arena, from seed 42 (as ThreadBench's, under which SWATS switches). */
    private static MemorySegment[] buffers(Arena arena, int n) {
        MemorySegment w = arena.allocate(4L * n, 64), g = arena.allocate(4L * n, 64);
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            w.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) r.nextGaussian());
            g.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (r.nextGaussian() * 1e-2));
        }
        return new MemorySegment[] {w, g};
    }

    private static List<long[]> parts(int n) {
        List<long[]> parts = new ArrayList<>();
        for (long from = 0; from < n; from += SwatsSums.PART_LENGTH) {
            parts.add(new long[] {from, Math.min(n, from + SwatsSums.PART_LENGTH)});
        }
        return parts;
    }

    private static String ranges(List<Call> calls) {
        return calls.stream().map(c -> "[" + c.from() + ", " + c.to() + ")").sorted().collect(Collectors.joining(" "));
    }

    private static String partRanges(int n) {
        return parts(n).stream().map(p -> "[" + p[0] + ", " + p[1] + ")").sorted().collect(Collectors.joining(" "));
    }

    @Test
    void theAdamPhaseWithDoubleSumsRunsItsPartsOnThePool() {
        Recorder rec = new Recorder(true);
        try (StepPool pool = StepPool.create(2); Arena arena = Arena.ofShared();
             Optimizer opt = optimizer(Swats.swats().withSums(SwatsSums.FIXED_ORDER_DOUBLE), rec.kernels, pool)) {
            MemorySegment[] b = buffers(arena, N);
            opt.register("w", b[0], b[1]);
            opt.step();
            List<Call> calls = rec.calls("adamFixedOrder");
            assertEquals(calls.size(), rec.calls.size(), "only the Adam phase's kernel: " + rec.calls);
            assertEquals(partRanges(N), ranges(calls), "one call per part");
            assertEquals(2, rec.threads.size(), "threads: " + rec.threads);
            assertTrue(rec.threads.contains(Thread.currentThread()));
        }
    }

    @Test
    void theDefaultSumsStepTheAdamPhaseWholeOnOneThread() {
        Recorder rec = new Recorder(false);
        try (StepPool pool = StepPool.create(2); Arena arena = Arena.ofShared();
             Optimizer opt = optimizer(Swats.swats(), rec.kernels, pool)) {
            MemorySegment[] b = buffers(arena, N);
            opt.register("w", b[0], b[1]);
            opt.step();
            assertEquals(List.of(new Call("adam", 0, N, Thread.currentThread())), rec.calls);
        }
    }

    /**
     * Both sums, through the switch to SGD: stepped on one thread and on two, every bit of θ, the slots and the
     * scalars is the same after every step; after the switch the SGD phase runs in parts (default sums too).
     */
    @Test
    void oneThreadAndTwoGiveTheSameBitsThroughTheSwitch() {
        for (SwatsSums sums : SwatsSums.values()) {
            Swats rule = Swats.swats().withSums(sums);
            int n = 3 * (int) SwatsSums.PART_LENGTH + 1000;
            Recorder rec = new Recorder(false);
            try (StepPool pool = StepPool.create(2); Arena arena = Arena.ofShared();
                 Optimizer one = optimizer(rule, Kernels.selected(), null); Optimizer two = optimizer(rule, rec.kernels, pool)) {
                MemorySegment[] a = buffers(arena, n), b = buffers(arena, n);
                one.register("w", a[0], a[1]);
                two.register("w", b[0], b[1]);
                int switched = -1, steps = 0;
                while (steps < 3000 && (switched < 0 || steps < switched + 3)) {
                    one.step();
                    two.step();
                    steps++;
                    String what = sums + ", step " + steps;
                    StateSnapshot.of(two, Map.of("w", b[0]), Map.of("w", b[1]))
                            .assertSameAs(StateSnapshot.of(one, Map.of("w", a[0]), Map.of("w", a[1])), what);
                    if (switched < 0 && one.scalarState().get(Swats.PHASE) == Swats.PHASE_SGD) {
                        switched = steps;
                    }
                }
                System.out.println("[gradus] swats " + sums + " over " + n + " floats switched at step " + switched);
                assertTrue(switched > 1, sums + ": no switch within 3000 steps");
                List<Call> sgd = rec.calls("sgd");
                assertEquals(3 * parts(n).size(), sgd.size(), sums + ": SGD-phase calls " + ranges(sgd));
                assertEquals(partRanges(n), ranges(sgd.subList(0, parts(n).size())), sums + ": the SGD phase in parts");
            }
        }
    }
}
