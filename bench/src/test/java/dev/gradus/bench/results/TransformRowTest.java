package dev.gradus.bench.results;

import dev.gradus.bench.Transform;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformRowTest {

    private static TransformResult result(Transform t, long size, String kernels, String memory, double nsPerElement) {
        return new TransformResult(t, size, kernels, memory, nsPerElement * size, 1, 1.01);
    }

    @Test
    void rowsPairScalarWithSimdOfTheSameTransformSizeAndMemoryKind() {
        List<TransformRow> rows = TransformRow.of(List.of(
                result(Transform.CLAMP, 1000, "vector", "native", 0.2),
                result(Transform.MAX_ABS, 1000, "scalar", "array", 0.6),
                result(Transform.MAX_ABS, 1000, "vector", "array", 0.2),
                result(Transform.MAX_ABS, 2000, "vector", "array", 0.5),
                result(Transform.CLAMP, 1000, "scalar", "native", 0.1)));
        assertEquals(List.of("maxAbs 1000 array", "maxAbs 2000 array", "clamp 1000 native"),
                rows.stream().map(r -> r.transform().method() + " " + r.size() + " " + r.memory()).toList(), "Transform's order, then size");
        assertEquals(3, rows.get(0).vectorSpeedup(), 1e-12);
        assertEquals(20, rows.get(0).vectorGBs(), 1e-12, "4 bytes in 0.2 ns");
        assertTrue(Double.isNaN(rows.get(1).vectorSpeedup()), "no scalar figure at 2000");
        assertEquals(0.5, rows.get(2).vectorSpeedup(), 1e-12);
        assertEquals(40, rows.get(2).vectorGBs(), 1e-12, "8 bytes in 0.2 ns");
        assertEquals("Transforms: SIMD/scalar 0.5× to 3×; SIMD slower than scalar: clamp 1000 native (0.5×).",
                TransformRow.finding(rows).replace("1K", "1000"));
        assertEquals("Transforms: no SIMD ÷ scalar figure (both kernel sets are needed).",
                TransformRow.finding(List.of(rows.get(1))));
    }
}
