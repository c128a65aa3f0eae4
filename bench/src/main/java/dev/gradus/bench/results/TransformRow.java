package dev.gradus.bench.results;

import dev.gradus.bench.Transform;
import dev.gradus.bench.charts.Xml;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A gradient transform at one size and memory kind: the scalar reference beside the SIMD kernel. Any
 * figure whose inputs were not measured is NaN.
 *
 * @param transform the transform
 * @param size      elements per call
 * @param memory    {@code array} or {@code native}
 * @param scalarNs  ns per element, scalar reference
 * @param vectorNs  ns per element, SIMD kernel
 */
public record TransformRow(Transform transform, long size, String memory, double scalarNs, double vectorNs) {

    /** Scalar time ÷ SIMD time: above 1 the SIMD kernel is faster. */
    public double vectorSpeedup() {
        return scalarNs / vectorNs;
    }

    /** Bytes per element ÷ SIMD ns per element. */
    public double vectorGBs() {
        return transform.bytes() / vectorNs;
    }

    /** One row per transform, size and memory kind measured, in the order of {@link Transform}, then size, then memory. */
    public static List<TransformRow> of(List<TransformResult> results) {
        return results.stream()
                .sorted(Comparator.comparing(TransformResult::transform).thenComparingLong(TransformResult::size)
                        .thenComparing(TransformResult::memory))
                .map(r -> new TransformRow(r.transform(), r.size(), r.memory(), ns(results, r, "scalar"), ns(results, r, "vector")))
                .distinct()
                .toList();
    }

    /** ns per element of the {@code kernels} result of {@code like}'s transform, size and memory kind; NaN without one. */
    private static double ns(List<TransformResult> results, TransformResult like, String kernels) {
        return results.stream().filter(r -> r.transform() == like.transform() && r.size() == like.size()
                && r.memory().equals(like.memory()) && r.kernels().equals(kernels))
                .mapToDouble(TransformResult::nsPerElement).findFirst().orElse(Double.NaN);
    }

    /** The range of SIMD ÷ scalar, and every row where the SIMD kernel was slower, in one sentence. */
    public static String finding(List<TransformRow> rows) {
        double[] ratios = rows.stream().mapToDouble(TransformRow::vectorSpeedup).filter(Double::isFinite).sorted().toArray();
        if (ratios.length == 0) {
            return "Transforms: no SIMD ÷ scalar figure (both kernel sets are needed).";
        }
        List<String> slower = rows.stream().filter(r -> r.vectorSpeedup() < 1)
                .map(r -> String.format(Locale.ROOT, "%s %s %s (%s×)", r.transform().method(), Figures.sizeLabel(r.size()),
                        Figures.memoryLabel(r.memory()), Xml.num(r.vectorSpeedup()))).toList();
        return String.format(Locale.ROOT, "Transforms: SIMD/scalar %s× to %s×", Xml.num(ratios[0]), Xml.num(ratios[ratios.length - 1]))
                + (slower.isEmpty() ? "; the SIMD kernel is never slower." : "; SIMD slower than scalar: " + String.join(", ", slower) + ".");
    }
}
