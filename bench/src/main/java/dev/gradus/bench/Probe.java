package dev.gradus.bench;

import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** The bandwidth probes of {@link ProbeBench}, by benchmark method name, with their traffic per element. */
public enum Probe {
    /** STREAM's triad {@code a ← b + s·c}. */
    TRIAD("triad", new Traffic(8, 4, "a ← b + s·c")),
    /** Three buffers updated in place from a fourth, like an Adam step. */
    COPY_4R3W("copy4r3w", new Traffic(16, 12, "x1, x2, x3 ← x + s·g, in place"));

    private final String method;
    private final Traffic traffic;

    Probe(String method, Traffic traffic) {
        this.method = method;
        this.traffic = traffic;
    }

    /** The {@link ProbeBench} method (and the name used in the report's files). */
    public String method() {
        return method;
    }

    public Traffic traffic() {
        return traffic;
    }

    public static Optional<Probe> byMethod(String method) {
        return Stream.of(values()).filter(p -> p.method.equals(method)).findFirst();
    }

    /**
     * The probe whose read/write mix is closest to {@code t}'s (by the written share of the bytes):
     * the bandwidth a rule with that traffic could at best reach.
     */
    public static Probe matching(Traffic t) {
        return Stream.of(values())
                .min(Comparator.comparingDouble(p -> Math.abs(p.traffic.writeFraction() - t.writeFraction())))
                .orElseThrow();
    }
}
