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
        long least = Long.MAX_VALUE, end = System.nanoTime() + budgetSeconds * 1_000_000_000L;
        while (least > limit && System.nanoTime() < end) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            call.run();
            least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        return least;
    }
}
