package dev.gradus.bench.results;

import java.util.ArrayList;
import java.util.List;

/**
 * SWATS's step at one size and memory kind beside its index-order sums alone in the plain loop (named
 * its floor while every kernel ran those chains; the vector kernel's blocks in whole units now go below
 * it where the sums grow steadily): how the kernels compare with the chains, and what the chains would
 * leave of the SIMD ÷ scalar ratio and of the share of the probe.
 *
 * @param floor the sums alone at this size
 * @param step  the report's row of SWATS at this size and memory kind
 */
public record SwatsFloorRow(SwatsFloorResult floor, StepRow step) {

    /** The rule whose floor this is: SWATS with its default sums (the {@code BenchRules} name). */
    public static final String RULE = "swats";

    public double floorNs() {
        return floor.nsPerElement();
    }

    /** SIMD time ÷ the floor: 1 would be a kernel whose other work all hides behind the sums. */
    public double vectorOverFloor() {
        return step.vectorNs() / floorNs();
    }

    /** Scalar time ÷ the floor: the most SIMD ÷ scalar can be with these sums. */
    public double speedupCap() {
        return step.scalarNs() / floorNs();
    }

    /** The share of the matching probe a step as fast as the floor would reach, in %. */
    public double percentCap() {
        return step.vectorPercent() * step.vectorNs() / floorNs();
    }

    /** One row per {@link #RULE} row of {@code rows} whose size has a floor, in the order of {@code rows}. */
    public static List<SwatsFloorRow> of(List<SwatsFloorResult> floors, List<StepRow> rows) {
        List<SwatsFloorRow> out = new ArrayList<>();
        for (StepRow r : rows) {
            if (r.rule().equals(RULE)) {
                floors.stream().filter(f -> f.size() == r.size()).findFirst().ifPresent(f -> out.add(new SwatsFloorRow(f, r)));
            }
        }
        return out;
    }
}
