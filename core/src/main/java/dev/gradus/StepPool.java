package dev.gradus;

import dev.gradus.rules.Check;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Threads that share the work of an {@link Optimizer#step()}: the calling thread plus
 * {@code threads − 1} daemon workers. A job is a count of independent tasks, dealt in contiguous
 * shares (the same share to the same thread at every step, for cache affinity); a thread that ends
 * its share helps with the others', so which thread runs which task may vary and never changes a
 * result (every task is fixed in advance, see {@link Optimizer}).
 *
 * <p>A worker that finishes a job spins ({@link Thread#onSpinWait()}) for a short time before it
 * parks: back-to-back steps then hand work over in well under a microsecond, where waking a parked
 * thread costs tens of microseconds on a virtual machine. The caller never waits for a worker to
 * wake: it starts on the tasks at once and only waits for tasks already being run.
 *
 * <p>A run allocates nothing once warm: the pool reuses its job objects (see {@code Job}).
 *
 * <p>One job runs at a time. A pool shared by optimizers stepping in several threads at once gives
 * the job to the first caller; the others run their own tasks alone (same results, no blocking).
 */
public final class StepPool implements AutoCloseable {

    /** How long an idle worker spins before it parks, by default. */
    public static final Duration DEFAULT_SPIN = Duration.ofMillis(1);

    private static final class Holder {
        static final StepPool SHARED = new StepPool(Runtime.getRuntime().availableProcessors(), DEFAULT_SPIN, "gradus-shared");
    }

    private final Worker[] workers;
    private final long spinNanos;
    private final AtomicBoolean inUse = new AtomicBoolean();
    private volatile Job current;
    /**
     * Job objects that runs take in turn, each reused when no worker is inside it (two, so that a worker still
     * leaving the last job does not cost the next run a new one): a run allocates nothing once warm.
     */
    private final Job[] spares = new Job[2];
    private int turn;
    private long generation;
    private volatile boolean closed;

    private StepPool(int threads, Duration spin, String name) {
        this.spinNanos = spin.toNanos();
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(name + "-" + (i + 1), i + 1);
            workers[i].start();
        }
    }

    /**
     * The pool optimizers use unless told otherwise: one thread per available processor (the caller
     * counts as one), created on first use, never closed.
     */
    public static StepPool shared() {
        return Holder.SHARED;
    }

    /** A pool of {@code threads} threads in all, the caller included ({@code 1}: the caller alone). */
    public static StepPool create(int threads) {
        return create(threads, DEFAULT_SPIN);
    }

    /**
     * A pool of {@code threads} threads in all, the caller included, whose idle workers spin for
     * {@code spin} before they park ({@link Duration#ZERO}: park at once).
     */
    public static StepPool create(int threads, Duration spin) {
        Check.atLeast("threads", threads, 1);
        Check.notNull("spin", spin);
        if (spin.isNegative()) {
            throw new IllegalArgumentException("spin must be >= 0, got " + spin);
        }
        return new StepPool(threads, spin, "gradus-pool");
    }

    /** Threads that run a job: the workers and the caller. */
    public int threads() {
        return workers.length + 1;
    }

    /** Stops the workers once they are idle. The shared pool cannot be closed. */
    @Override
    public void close() {
        if (this == Holder.SHARED) {
            throw new IllegalStateException("the shared StepPool cannot be closed");
        }
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    /**
     * Runs {@code task.accept(i)} once for every {@code i} in {@code [0, count)}, in this thread and
     * the workers, and returns when all have run. The first exception a task throws is rethrown here
     * after the other tasks have run.
     */
    void run(int count, IntConsumer task) {
        if (count <= 1 || workers.length == 0 || closed || !inUse.compareAndSet(false, true)) {
            runHere(count, task);
            return;
        }
        try {
            // the job object of two runs ago again when no worker is still inside it, else a new one
            Job job = spares[turn];
            if (job == null || job.active.get() != 0) {
                job = spares[turn] = new Job(workers.length + 1);
            }
            turn ^= 1;
            job.reset(++generation, count, task);
            current = job;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            job.work(0);
            while (job.done.get() < count) {
                Thread.onSpinWait();
            }
            current = null;
            job.task = null;                    // the pool keeps no reference to the caller's work
            job.rethrow();
        } finally {
            inUse.set(false);
        }
    }

    /** Runs tasks {@code [0, count)} on the calling thread, in order. */
    static void runHere(int count, IntConsumer task) {
        for (int i = 0; i < count; i++) {
            task.accept(i);
        }
    }

    /**
     * One job. Tasks are dealt in contiguous shares, one per thread (the caller's first), and a
     * thread that ends its share takes what is left of the others': the same thread gets the same
     * tasks step after step, so its parameters' memory stays in its own caches (measured: dealing
     * every task from one counter moved the data between cores each step and two threads gained
     * nothing at 64K).
     *
     * <p>A thread claims the tasks of its own share in batches of half what is left of it (at least
     * one), and the others' one at a time; it adds what it ran of a share to {@link #done} once, when
     * that share is used up. Each claim and count is an atomic read-modify-write, which on x86 waits
     * for the thread's pending stores to drain: after a task of a memory-bound step that stalls the
     * next task's first loads. With a claim and a count per task, the pool's own code took 9% of both
     * threads' time in a two-thread 1M Adam step (a profile), 3% with batches. A share of n tasks now
     * costs about log2(n) claims, and a thread stalled in a task holds back at most the rest of its
     * batch: the other threads can still take the last half of its share.
     *
     * <p>The pool reuses the object for the next job once no worker is inside it ({@link #active}): a
     * worker counts itself in, then checks that this is still the current job of the generation it
     * saw, and leaves without working otherwise. So a worker that saw a job late never takes a task
     * of the next one under the old one's counts, and the caller never waits for a slow worker: it
     * makes a new object instead.
     */
    private static final class Job {
        /** Ints between two shares' cursors: one 64-byte cache line, so the cursors never share one. */
        private static final int STRIDE = 16;

        final int shares;
        /** Next task of share s at [s·STRIDE]; share s ends at the start of share s + 1. */
        final AtomicIntegerArray cursors;
        /** Tasks run, added by each thread once per share it took tasks of (see {@link #work}). */
        final AtomicInteger done = new AtomicInteger();
        /** Workers between counting themselves in and out (see the class comment). */
        final AtomicInteger active = new AtomicInteger();
        volatile long generation;
        int count;
        IntConsumer task;
        volatile Throwable failure;

        Job(int shares) {
            this.shares = shares;
            this.cursors = new AtomicIntegerArray(shares * STRIDE);
        }

        /** Makes this the job of {@code generation}, before it is published as the pool's current one. */
        void reset(long generation, int count, IntConsumer task) {
            this.count = count;
            this.task = task;
            this.failure = null;
            done.set(0);
            for (int s = 0; s < shares; s++) {
                cursors.set(s * STRIDE, start(s));
            }
            this.generation = generation;
        }

        private int start(int share) {
            return (int) ((long) count * share / shares);
        }

        /** Runs share {@code own}, then helps with the others in order. */
        void work(int own) {
            for (int k = 0; k < shares; k++) {
                int ran = runShare((own + k) % shares, k == 0);
                if (ran > 0) {
                    done.addAndGet(ran);        // before the next share's cursor, which another core holds
                }
            }
        }

        /**
         * Claims and runs tasks of share {@code s} until none is left: of its own share half of what is left at a
         * time, of another's one task at a time (class comment). Returns how many it ran.
         */
        private int runShare(int s, boolean own) {
            int cursor = s * STRIDE, end = start(s + 1), ran = 0;
            for (int from; (from = cursors.get(cursor)) < end; ) {
                int to = own ? from + Math.max(1, (end - from) / 2) : from + 1;
                if (cursors.compareAndSet(cursor, from, to)) {
                    for (int i = from; i < to; i++, ran++) {
                        runTask(i);         // catches what the task throws, so every claimed task is counted
                    }
                }
            }
            return ran;
        }

        private void runTask(int i) {
            try {
                task.accept(i);
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                }
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    private final class Worker extends Thread {
        volatile boolean parked;
        /** The share of every job this worker starts with (the caller's is 0). */
        private final int share;

        Worker(String name, int share) {
            super(name);
            this.share = share;
            setDaemon(true);
        }

        @Override
        public void run() {
            long last = 0;                      // the generation of the last job seen; no reference kept
            while (!closed) {
                Job job = await(last);
                if (job != null) {
                    long seen = job.generation;
                    job.active.incrementAndGet();
                    try {
                        // still that job? The pool may have finished it and reset the object for the next
                        if (current == job && job.generation == seen) {
                            last = seen;
                            job.work(share);
                        }
                    } finally {
                        job.active.decrementAndGet();
                    }
                }
            }
        }

        /** A job newer than generation {@code last}: spins, then parks; null on close or a spurious wake. */
        private Job await(long last) {
            long start = System.nanoTime();
            do {
                Job j = current;
                if (j != null && j.generation > last) {
                    return j;
                }
                Thread.onSpinWait();
            } while (System.nanoTime() - start < spinNanos && !closed);
            parked = true;
            // The caller writes current, then reads parked; this thread writes parked, then reads
            // current: one of the two sees the other, so a job is never missed.
            Job j = current;
            if (j == null || j.generation <= last) {
                if (!closed) {
                    LockSupport.park(this);
                }
                j = current;
            }
            parked = false;
            return j != null && j.generation > last ? j : null;
        }
    }
}
