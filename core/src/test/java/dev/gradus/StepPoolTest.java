package dev.gradus;

import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class StepPoolTest {

    @Test
    void everyTaskRunsExactlyOnceOverManyJobs() {
        try (StepPool pool = StepPool.create(3)) {
            for (int job = 0; job < 2000; job++) {
                int count = job % 37;
                AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(count, 1));
                pool.run(count, i -> runs.incrementAndGet(i));
                for (int i = 0; i < count; i++) {
                    assertEquals(1, runs.get(i), "job " + job + ", task " + i);
                }
            }
        }
    }

    /**
     * The pool reuses its job objects: a worker that sees a job late must not take a task of the next job
     * under the old one's counts, nor run a task after its run() has returned. Workers that park at once
     * ({@link Duration#ZERO}) and tasks that yield make such late workers common.
     */
    @Test
    void aReusedJobNeverRunsATaskTwiceOrLate() {
        try (StepPool pool = StepPool.create(3, Duration.ZERO)) {
            AtomicIntegerArray[] runs = new AtomicIntegerArray[5000];
            for (int job = 0; job < runs.length; job++) {
                AtomicIntegerArray r = runs[job] = new AtomicIntegerArray(2 + job % 5);
                pool.run(r.length(), i -> {
                    if (i % 2 == 0) {
                        Thread.yield();
                    }
                    r.incrementAndGet(i);
                });
                for (int i = 0; i < r.length(); i++) {
                    assertEquals(1, r.get(i), "job " + job + ", task " + i);
                }
            }
            for (int job = 0; job < runs.length; job++) {
                for (int i = 0; i < runs[job].length(); i++) {
                    assertEquals(1, runs[job].get(i), "job " + job + ", task " + i + " after its run returned");
                }
            }
        }
    }

    /** Once warm, a run allocates nothing: before the pool reused its job objects, each run made one (about 200 bytes). */
    @Test
    void aRunAllocatesNothingOnceWarm() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count a thread's allocations");
        try (StepPool pool = StepPool.create(2)) {
            AtomicIntegerArray hits = new AtomicIntegerArray(4);
            IntConsumer task = hits::incrementAndGet;
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 20; round++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int k = 0; k < 10_000; k++) {
                    pool.run(4, task);
                }
                least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
            }
            assertTrue(least < 10_000, "10,000 runs allocated " + least + " bytes in the best of 20 rounds");
            assertEquals(200_000, hits.get(0));
        }
    }

    @Test
    void theWorkersTakePart() throws InterruptedException {
        try (StepPool pool = StepPool.create(2, Duration.ZERO)) {      // a parked worker must be woken
            Set<Thread> seen = ConcurrentHashMap.newKeySet();
            CountDownLatch both = new CountDownLatch(2);
            // Each task waits (bounded) until two threads have run a task: only a second thread can release it.
            pool.run(2, i -> {
                seen.add(Thread.currentThread());
                both.countDown();
                try {
                    both.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertEquals(2, seen.size(), "threads that ran a task: " + seen);
            assertTrue(seen.contains(Thread.currentThread()), "the caller works too");
        }
    }

    /**
     * A thread claims its own share in batches of half what is left of it (fewer atomic instructions, see
     * StepPool's Job): a task that stalls holds back at most the rest of its batch. Two threads, 64 tasks:
     * whichever thread runs task 0 has claimed at most tasks 0–15 with it, so the 48 tasks from 16 on must
     * all run while it waits (bounded) for them. Claiming a whole share at once would leave 16–31 waiting.
     */
    @Test
    void aStalledTaskHoldsBackAtMostHalfItsShare() {
        try (StepPool pool = StepPool.create(2)) {
            CountDownLatch others = new CountDownLatch(48);
            AtomicIntegerArray runs = new AtomicIntegerArray(64);
            long[] leftWhenReleased = {-1};
            pool.run(64, i -> {
                runs.incrementAndGet(i);
                if (i == 0) {
                    try {
                        others.await(10, TimeUnit.SECONDS);
                        leftWhenReleased[0] = others.getCount();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else if (i >= 16) {
                    others.countDown();
                }
            });
            assertEquals(0, leftWhenReleased[0], "tasks from 16 on still to run when task 0 stopped waiting (10 s)");
            for (int i = 0; i < 64; i++) {
                assertEquals(1, runs.get(i), "task " + i);
            }
        }
    }

    @Test
    void aFailingTaskIsRethrownAfterTheOthersRan() {
        try (StepPool pool = StepPool.create(2)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(100);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(100, i -> {
                runs.incrementAndGet(i);
                if (i == 17) {
                    throw new IllegalStateException("task 17");
                }
            }));
            assertEquals("task 17", e.getMessage());
            for (int i = 0; i < 100; i++) {
                assertEquals(1, runs.get(i), "task " + i);
            }
            pool.run(3, i -> { });                  // the pool is usable afterwards
        }
    }

    @Test
    void aPoolInUseRunsASecondCallerInItsOwnThread() {
        try (StepPool pool = StepPool.create(2)) {
            AtomicIntegerArray checked = new AtomicIntegerArray(2);
            pool.run(2, outer -> {
                Set<Thread> inner = ConcurrentHashMap.newKeySet();
                pool.run(50, i -> inner.add(Thread.currentThread()));
                assertEquals(Set.of(Thread.currentThread()), inner, "a job started while the pool is busy runs where it was called");
                checked.incrementAndGet(outer);
            });
            assertEquals(1, checked.get(0));
            assertEquals(1, checked.get(1));
        }
    }

    @Test
    void aClosedPoolRunsOnTheCaller() {
        StepPool pool = StepPool.create(4);
        pool.close();
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        pool.run(100, i -> seen.add(Thread.currentThread()));
        assertEquals(Set.of(Thread.currentThread()), seen);
    }

    @Test
    void sizesAndTheSharedPool() {
        assertEquals("threads must be >= 1, got 0", assertThrows(IllegalArgumentException.class, () -> StepPool.create(0)).getMessage());
        assertEquals("spin must be >= 0, got PT-1S",
                assertThrows(IllegalArgumentException.class, () -> StepPool.create(2, Duration.ofSeconds(-1))).getMessage());
        assertEquals(Runtime.getRuntime().availableProcessors(), StepPool.shared().threads());
        assertSame(StepPool.shared(), StepPool.shared());
        assertThrows(IllegalStateException.class, () -> StepPool.shared().close());
        try (StepPool one = StepPool.create(1)) {
            assertEquals(1, one.threads());
        }
    }
}
