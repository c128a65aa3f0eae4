package dev.gradus.rules;

/**
 * How SWATS takes its SGD phase, after the switch from Adam (spec R18, §D 16). Λ is the SGD learning
 * rate the switch estimates, β1 the Adam phase's first-moment decay, g the gradient after weight decay
 * and b the momentum buffer.
 */
public enum SwatsCompat {
    /**
     * Keskar &amp; Socher's Algorithm 1 (the default): b starts at 0 at the switch;
     * {@code b ← b·⟨β1⟩ + g; θ ← θ + ⟨−(1−β1)·Λ⟩·b}. With Nesterov, {@code θ ← θ + ⟨−(1−β1)·Λ⟩·(g + ⟨β1⟩·b)}
     * (torch's Nesterov form, spec R3, on the paper's buffer; the paper and the repositories have no
     * such combination). The paper's text was not available to the spec (spec §V): this is its
     * recalled form.
     */
    PAPER,
    /**
     * Both repositories (jettify/pytorch-optimizer and Mrpatekful/swats, verified bit-exact), for
     * compatibility with them and the {@code swats_jettify} golden files. Each parameter's first SGD
     * step: {@code b ← g; u ← g·⟨1−β1⟩} (Nesterov: {@code u ← u + ⟨β1⟩·b}); {@code θ ← θ + ⟨−Λ⟩·u}.
     * Later steps: {@code b ← b·⟨β1⟩ + g}, then the sources' in-place aliasing bug {@code b ← b·⟨1−β1⟩},
     * which shrinks the buffer every step (Nesterov: {@code b ← b + ⟨β1⟩·b}, also stored);
     * {@code θ ← θ + ⟨−Λ⟩·b}.
     */
    IMPLEMENTATION
}
