package dev.gradus.schedule;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The last evaluated point of each recursive schedule, so that sequential access costs O(1)
 * amortized instead of O(e) per call.
 *
 * <p>Records cannot hold instance fields, so the points live here, keyed by the schedule's value
 * ({@code equals}): equal keys denote the same recursion from the same start, so they can share a
 * point. A point is an immutable (epoch, value) pair; a racing thread can at worst replace one
 * correct point by another correct point. The result of {@link #iterate} is therefore the same
 * whatever was evaluated before, in whichever thread. The map is bounded: when it holds
 * {@link #CAPACITY} keys it is emptied, which only costs a recomputation.
 */
final class Memo {

    /** Most keys remembered at once. */
    static final int CAPACITY = 256;

    private static final ConcurrentHashMap<Object, Point> LAST = new ConcurrentHashMap<>();

    private record Point(long epoch, double value) {
    }

    /** One step of a recursion: the value at {@code epoch} from the value at {@code epoch − 1}. */
    @FunctionalInterface
    interface Step {
        double next(double current, long epoch);
    }

    private Memo() {
    }

    /**
     * {@code v(target)} of the recursion {@code v(0) = start}, {@code v(e) = step.next(v(e − 1), e)},
     * starting from the remembered point of {@code key} when it is not past {@code target}.
     */
    static double iterate(Object key, long target, double start, Step step) {
        if (target == 0) {
            return start;
        }
        Point p = LAST.get(key);
        long e = 0;
        double v = start;
        if (p != null && p.epoch() <= target) {
            e = p.epoch();
            v = p.value();
        }
        while (e < target) {
            e++;
            v = step.next(v, e);
        }
        if (p == null || p.epoch() != target) {
            if (LAST.size() >= CAPACITY) {
                LAST.clear();
            }
            LAST.put(key, new Point(target, v));
        }
        return v;
    }
}
