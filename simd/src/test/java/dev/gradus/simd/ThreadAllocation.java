package dev.gradus.simd;

import java.lang.management.ManagementFactory;

/** This thread's allocation, for the tests that ask compiled kernels and steps to allocate (almost) nothing. */
final class ThreadAllocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ThreadAllocation() {
    }

    /** Whether this JVM counts a thread's allocations (the tests skip otherwise). */
    static boolean counted() {
        return THREADS.isThreadAllocatedMemorySupported();
    }

    /** The least allocation of one call of {@code call} on this thread, calling until one is within {@code limit} bytes or {@code budgetSeconds} have passed. */
    static long least(Runnable call, long limit, int budgetSeconds) {
        return least(call, limit, budgetSeconds, null);
    }

    /**
     * As {@link #least(Runnable, long, int)}, counting also the threads whose names start with {@code workers}
     * (a {@code StepPool}'s: "gradus-pool-"), when not null.
     */
    static long least(Runnable call, long limit, int budgetSeconds, String workers) {
        long[] ids = threads(workers);
        long least = Long.MAX_VALUE, end = System.nanoTime() + budgetSeconds * 1_000_000_000L;
        while (least > limit && System.nanoTime() < end) {
            long before = allocated(ids);
            call.run();
            least = Math.min(least, allocated(ids) - before);
        }
        return least;
    }

    /** This thread's id, then those of the live threads named {@code workers}… */
    private static long[] threads(String workers) {
        java.util.stream.LongStream others = workers == null ? java.util.stream.LongStream.empty()
                : Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t != Thread.currentThread() && t.getName().startsWith(workers)).mapToLong(Thread::threadId);
        return java.util.stream.LongStream.concat(java.util.stream.LongStream.of(Thread.currentThread().threadId()), others).toArray();
    }

    private static long allocated(long[] ids) {
        long sum = 0;
        for (long a : THREADS.getThreadAllocatedBytes(ids)) {
            sum += a;
        }
        return sum;
    }
}
