package dev.gradus.kernel;

import java.lang.foreign.MemorySegment;

/** Element formula of AdaMod (spec R13). Equations use the {@link AdaModCoefficients} names. */
public interface AdaModKernels {

    /**
     * {@code m ← m·β1 + (1−β1)·g; v ← v·β2 + ((1−β2)·g)·g; d ← √v + eps; θ ← θ + negDecay·θ (decay);
     * η ← ss/d; s ← s·β3 + (1−β3)·η; η ← min(η, s); θ ← θ − η·m}.
     */
    void adaMod(MemorySegment param, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment s,
                long from, long to, AdaModCoefficients c);
}
