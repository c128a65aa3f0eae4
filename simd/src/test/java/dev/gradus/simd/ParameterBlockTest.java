package dev.gradus.simd;

import dev.gradus.Optimizer;
import dev.gradus.ParameterLayout;
import dev.gradus.rules.Adam;
import dev.gradus.rules.Adagrad;
import dev.gradus.rules.Lookahead;
import dev.gradus.rules.Swats;
import dev.gradus.testing.Bits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Parameters registered as a block: layout, validation, per-parameter views and state, checkpoints. */
class ParameterBlockTest {

    private static final ParameterLayout LAYOUT = ParameterLayout.builder().add("w", 3, 5).add("b", 5).add("s").build();

    private static void rejected(Class<? extends Throwable> type, String message, Executable call) {
        assertEquals(message, assertThrows(type, call).getMessage());
    }

    @Test
    void theLayoutPacksParametersBackToBack() {
        assertEquals(List.of("w", "b", "s"), LAYOUT.names());
        assertEquals(21, LAYOUT.size());
        assertEquals(84, LAYOUT.bytes());
        assertEquals(0, LAYOUT.offset("w"));
        assertEquals(15, LAYOUT.offset("b"));
        assertEquals(20, LAYOUT.offset("s"));
        assertEquals(1, LAYOUT.length("s"));
        assertArrayEquals(new int[] {3, 5}, LAYOUT.shape("w"));
        float[] block = new float[21];
        MemorySegment.ofArray(block).setAtIndex(ValueLayout.JAVA_FLOAT, 16, 7f);
        assertEquals(7f, LAYOUT.view(MemorySegment.ofArray(block), "b").getAtIndex(ValueLayout.JAVA_FLOAT, 1));
        rejected(IllegalArgumentException.class, "parameter 'w' is already in the layout", () -> ParameterLayout.builder().add("w", 2).add("w", 2));
        rejected(IllegalArgumentException.class, "shape of parameter 'w' has a negative dimension: [2, -1]",
                () -> ParameterLayout.builder().add("w", 2, -1));
        rejected(IllegalArgumentException.class, "parameter name must be non-blank, got ''", () -> ParameterLayout.builder().add("", 2));
        rejected(IllegalArgumentException.class, "no parameter named 'q' in the layout; its parameters: [w, b, s]", () -> LAYOUT.offset("q"));
        rejected(IllegalArgumentException.class, "block has 80 bytes, expected 84 (21 floats)", () -> LAYOUT.view(MemorySegment.ofArray(new float[20]), "w"));
    }

    @Test
    void badBlocksAreRejectedAndNothingIsRegistered() {
        try (Optimizer opt = Optimizer.builder(Adam.adam()).build()) {
            opt.register("b", new float[5], new float[5]);
            rejected(IllegalArgumentException.class, "parameter 'b' is already registered",
                    () -> opt.register(LAYOUT, new float[21], new float[21]));
            assertEquals(List.of("b"), opt.parameterNames());
        }
        try (Optimizer opt = Optimizer.builder(Adam.adam()).build()) {
            rejected(IllegalArgumentException.class, "values of the block of parameters [w, b, s] have 20 elements, expected 21 (the layout's size)",
                    () -> opt.register(LAYOUT, new float[20], new float[20]));
            rejected(IllegalArgumentException.class, "gradient of block of parameters [w, b, s] has 22 elements, expected 21 (the parameter's length)",
                    () -> opt.register(LAYOUT, new float[21], new float[22]));
            float[] same = new float[21];
            rejected(IllegalArgumentException.class, "gradient of block of parameters [w, b, s] overlaps the parameter itself",
                    () -> opt.register(LAYOUT, same, same));
            assertEquals(List.of(), opt.parameterNames());
            float[] values = new float[21];
            opt.register(LAYOUT, values, new float[21]);
            rejected(IllegalArgumentException.class, "parameter 'x' overlaps the memory of registered parameter 'w' or its gradient",
                    () -> opt.register("x", MemorySegment.ofArray(values).asSlice(4, 8), MemorySegment.ofArray(new float[2])));
            assertEquals(List.of("w", "b", "s"), opt.parameterNames());
        }
    }

    @Test
    void eachParameterIsAViewWithItsOwnStateAndShape() {
        try (Arena arena = Arena.ofShared(); Optimizer opt = Optimizer.builder(Lookahead.around(new Adagrad())).learningRate(0.1).build()) {
            MemorySegment values = arena.allocate(LAYOUT.bytes(), 64), grads = arena.allocate(LAYOUT.bytes(), 64);
            for (int i = 0; i < 21; i++) {
                values.setAtIndex(ValueLayout.JAVA_FLOAT, i, i);
                grads.setAtIndex(ValueLayout.JAVA_FLOAT, i, 1f);
            }
            opt.register(LAYOUT, values, grads);
            // Lookahead's slow slot starts as a copy of each parameter's own values.
            assertArrayEquals(new float[] {15, 16, 17, 18, 19}, opt.slotValues("b", Lookahead.SLOW));
            assertArrayEquals(new float[] {20}, opt.slotValues("s", Lookahead.SLOW));
            opt.step();
            // Adagrad's first step with g = 1 moves every element by −lr·1/(√1 + eps).
            float moved = 15f + -0.1f * (1f / ((float) Math.sqrt(1f) + 1e-10f));
            assertEquals(moved, LAYOUT.view(values, "b").getAtIndex(ValueLayout.JAVA_FLOAT, 0));
            assertEquals(5, opt.slotValues("b", "sum").length);
        }
    }

    @Test
    void aBlockCheckpointLoadsIntoParametersRegisteredOneByOne() throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        float[] values = new float[21], grads = new float[21];
        for (int i = 0; i < 21; i++) {
            values[i] = (float) r.nextGaussian();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        float[] afterTwo;
        try (Optimizer block = Optimizer.builder(Adam.adamW()).build()) {
            block.register(LAYOUT, values, grads);
            for (int t = 0; t < 2; t++) {
                for (int i = 0; i < 21; i++) {
                    grads[i] = (float) r.nextGaussian();
                }
                block.step();
            }
            block.save(bytes);
            afterTwo = values.clone();
            block.step();                                    // the reference: a third step as a block
        }
        float[] w = new float[15], b = new float[5], s = new float[1];
        try (Optimizer separate = Optimizer.builder(Adam.adamW()).build()) {
            float[] gw = new float[15], gb = new float[5], gs = new float[1];
            separate.register("w", w, gw, 3, 5).register("b", b, gb, 5).register("s", s, gs, new int[0]);
            separate.load(new ByteArrayInputStream(bytes.toByteArray()));
            assertArrayEquals(Bits.raw(java.util.Arrays.copyOfRange(afterTwo, 15, 20)), Bits.raw(b));
            System.arraycopy(grads, 0, gw, 0, 15);
            System.arraycopy(grads, 15, gb, 0, 5);
            System.arraycopy(grads, 20, gs, 0, 1);
            separate.step();
        }
        float[] joined = new float[21];
        System.arraycopy(w, 0, joined, 0, 15);
        System.arraycopy(b, 0, joined, 15, 5);
        System.arraycopy(s, 0, joined, 20, 1);
        assertArrayEquals(Bits.raw(values), Bits.raw(joined), "the resumed step equals the block's own third step");
    }

    @Test
    void swatsStepsABlockParameterByParameter() {
        float[] values = new float[21], grads = new float[21];
        float[] w = new float[15], b = new float[5], s = new float[1], gw = new float[15], gb = new float[5], gs = new float[1];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 21; i++) {
            values[i] = (float) r.nextGaussian();
        }
        System.arraycopy(values, 0, w, 0, 15);
        System.arraycopy(values, 15, b, 0, 5);
        System.arraycopy(values, 20, s, 0, 1);
        try (Optimizer block = Optimizer.builder(Swats.swats()).build();
             Optimizer separate = Optimizer.builder(Swats.swats()).build()) {
            block.register(LAYOUT, values, grads);
            separate.register("w", w, gw, 3, 5).register("b", b, gb, 5).register("s", s, gs, new int[0]);
            for (int t = 0; t < 5; t++) {
                for (int i = 0; i < 21; i++) {
                    grads[i] = (float) r.nextGaussian();
                }
                System.arraycopy(grads, 0, gw, 0, 15);
                System.arraycopy(grads, 15, gb, 0, 5);
                System.arraycopy(grads, 20, gs, 0, 1);
                block.step();
                separate.step();
            }
            assertArrayEquals(Bits.raw(b), Bits.raw(java.util.Arrays.copyOfRange(values, 15, 20)));
            assertEquals(Map.copyOf(separate.parameterScalars("w")), Map.copyOf(block.parameterScalars("w")));
        }
    }
}
