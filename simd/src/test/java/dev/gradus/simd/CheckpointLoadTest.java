package dev.gradus.simd;

import dev.gradus.GradientClip;
import dev.gradus.LoadOptions;
import dev.gradus.NonFinitePolicy;
import dev.gradus.Optimizer;
import dev.gradus.rules.Adam;
import dev.gradus.rules.Lookahead;
import dev.gradus.rules.NAdam;
import dev.gradus.rules.NAdamMuSchedule;
import dev.gradus.rules.Sgd;
import dev.gradus.schedule.StepDecay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a load restores, and every way it refuses: each refusal has its own message and leaves the
 * optimizer (parameters, gradients, slots, scalar state, step counter) exactly as it was.
 */
class CheckpointLoadTest {

    @TempDir
    Path dir;

    /** A checkpoint of the standard rig after three steps. */
    private static byte[] checkpoint() {
        try (CheckpointRig source = new CheckpointRig().steps(3, 1)) {
            return source.save();
        }
    }

    /** A target with state of its own (two steps), so that "unchanged" means something. */
    private static CheckpointRig target(Optimizer opt, UnaryOperator<Map<String, Object[]>> registrations) {
        return new CheckpointRig(opt, registrations).steps(2, 99);
    }

    private static CheckpointRig target() {
        return target(CheckpointRig.standard().build(), UnaryOperator.identity());
    }

    /** Loading {@code bytes} (strictly) into {@code target} fails with {@code message} and changes nothing. */
    private static void refused(CheckpointRig target, byte[] bytes, String message) {
        refused(target, bytes, LoadOptions.strict(), message);
    }

    private static void refused(CheckpointRig target, byte[] bytes, LoadOptions options, String message) {
        StateSnapshot before = target.everything();
        var e = assertThrows(IllegalArgumentException.class, () -> target.opt.load(new ByteArrayInputStream(bytes), options));
        assertEquals(message, e.getMessage());
        target.everything().assertSameAs(before, "after the refused load");
    }

    private static void withTarget(Optimizer opt, UnaryOperator<Map<String, Object[]>> registrations, Consumer<CheckpointRig> test) {
        try (CheckpointRig t = target(opt, registrations)) {
            test.accept(t);
        }
    }

    // ---------------------------------------------------------------- what a load restores

    @Test
    void aLoadRestoresEveryStateAndTheRunContinuesIdentically() throws IOException {
        try (CheckpointRig source = new CheckpointRig().steps(3, 1); CheckpointRig target = target()) {
            byte[] bytes = source.save();
            Path file = dir.resolve("run.ckpt");
            source.opt.save(file);
            assertArrayEquals(bytes, Files.readAllBytes(file), "save(Path) and save(OutputStream) write the same bytes");
            target.opt.load(file);
            target.state().assertSameAs(source.state(), "after load");
            assertArrayEquals(bytes, target.save(), "the loaded optimizer saves the same checkpoint");
            source.steps(4, 7);
            target.steps(4, 7);
            target.state().assertSameAs(source.state(), "four steps later");
            assertEquals(7, target.opt.stepCount());
        }
    }

    @Test
    void aStreamHoldsCheckpointsBackToBack() throws IOException {
        try (CheckpointRig source = new CheckpointRig(); CheckpointRig target = target()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            source.steps(1, 5).opt.save(out);
            StateSnapshot first = source.state();
            source.steps(2, 6).opt.save(out);
            StateSnapshot second = source.state();
            var in = new ByteArrayInputStream(out.toByteArray());
            target.opt.load(in);
            target.state().assertSameAs(first, "first checkpoint");
            target.opt.load(in);
            target.state().assertSameAs(second, "second checkpoint");
            assertEquals(-1, in.read(), "load reads exactly the checkpoint's bytes");
        }
    }

    // ---------------------------------------------------------------- the file itself

    @Test
    void aWrongMagicNumberIsRefused() {
        byte[] bytes = checkpoint();
        bytes[0] ^= 1;
        withTarget(CheckpointRig.standard().build(), UnaryOperator.identity(), t -> {
            refused(t, bytes, "not a Gradus checkpoint: it starts with bytes 46 52 41 44 55 53 43 4b, "
                    + "expected the magic number 47 52 41 44 55 53 43 4b (\"GRADUSCK\")");
            refused(t, "PK\3\4 a zip file".getBytes(), "not a Gradus checkpoint: it starts with bytes 50 4b 03 04 20 61 20 7a, "
                    + "expected the magic number 47 52 41 44 55 53 43 4b (\"GRADUSCK\")");
            refused(t, new byte[] {'G', 'R', 'X'}, "not a Gradus checkpoint: it starts with bytes 47 52 58, "
                    + "expected the magic number 47 52 41 44 55 53 43 4b (\"GRADUSCK\")");
        });
    }

    @Test
    void anotherFormatVersionIsRefused() {
        byte[] bytes = checkpoint();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 2);
        withTarget(CheckpointRig.standard().build(), UnaryOperator.identity(),
                t -> refused(t, bytes, "checkpoint format version 2 is not supported; this Gradus reads version 1"));
    }

    @Test
    void everyTruncationIsRefusedFromAStreamAndFromAFile() throws IOException {
        byte[] bytes = checkpoint();
        int n = bytes.length;
        try (CheckpointRig t = target()) {
            for (int len = 0; len < n; len++) {
                byte[] cut = Arrays.copyOf(bytes, len);
                StateSnapshot before = t.everything();
                var e = assertThrows(IllegalArgumentException.class, () -> t.opt.load(new ByteArrayInputStream(cut)), "length " + len);
                assertTrue(e.getMessage().startsWith("checkpoint is truncated: "), len + ": " + e.getMessage());
                if (len % 61 == 0 || len > n - 6) {
                    Path file = dir.resolve("cut.ckpt");
                    Files.write(file, cut);
                    var f = assertThrows(IllegalArgumentException.class, () -> t.opt.load(file), "file length " + len);
                    assertTrue(f.getMessage().startsWith("checkpoint is truncated: "), len + ": " + f.getMessage());
                }
                t.everything().assertSameAs(before, "after loading the first " + len + " bytes");
            }
            refused(t, new byte[0], "checkpoint is truncated: it is empty; a checkpoint starts with the 24-byte header");
            refused(t, Arrays.copyOf(bytes, 10), "checkpoint is truncated: it ends after 10 bytes, inside the 24-byte header");
            refused(t, Arrays.copyOf(bytes, 100), "checkpoint is truncated: the header announces " + n + " bytes, the input ended after 100");
            refused(t, Arrays.copyOf(bytes, n - 1), "checkpoint is truncated: the header announces " + n + " bytes, the input ended after "
                    + (n - 1) + ", inside the checksum");
            Path file = dir.resolve("short.ckpt");
            Files.write(file, Arrays.copyOf(bytes, n - 1));
            var e = assertThrows(IllegalArgumentException.class, () -> t.opt.load(file));
            assertEquals("checkpoint is truncated: the header announces " + n + " bytes, the file has " + (n - 1), e.getMessage());
        }
    }

    @Test
    void everyFlippedBitIsRefused() {
        byte[] bytes = checkpoint();
        try (CheckpointRig t = target()) {
            StateSnapshot before = t.everything();
            for (int bit = 0; bit < bytes.length * 8; bit++) {
                byte[] flipped = bytes.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                var e = assertThrows(IllegalArgumentException.class, () -> t.opt.load(new ByteArrayInputStream(flipped)), "bit " + bit);
                int at = bit / 8;
                String m = e.getMessage();
                if (at < 8) {
                    assertTrue(m.startsWith("not a Gradus checkpoint: "), bit + ": " + m);
                } else if (at < 12) {
                    assertTrue(m.startsWith("checkpoint format version "), bit + ": " + m);
                } else if (at >= 16 && at < 24) {
                    // the content length: the input ends early, or the checksum is read from the wrong place
                    assertTrue(m.startsWith("checkpoint is truncated: ") || m.startsWith("malformed checkpoint: the header announces")
                            || m.startsWith("checkpoint checksum mismatch: "), bit + ": " + m);
                } else {
                    assertTrue(m.startsWith("checkpoint checksum mismatch: stored CRC32C 0x"), bit + ": " + m);
                }
            }
            t.everything().assertSameAs(before, "after " + bytes.length * 8 + " refused loads");
            byte[] flipped = bytes.clone();
            flipped[200] ^= 4;
            CRC32C crc = new CRC32C();
            crc.update(flipped, 0, flipped.length - 4);
            int stored = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(bytes.length - 4);
            refused(t, flipped, String.format("checkpoint checksum mismatch: stored CRC32C 0x%08x, computed 0x%08x over its %d bytes; "
                    + "the checkpoint is corrupt", stored, (int) crc.getValue(), bytes.length - 4));
        }
    }

    @Test
    void aFileWithBytesAfterTheCheckpointIsRefused() throws IOException {
        byte[] bytes = checkpoint();
        try (CheckpointRig t = target()) {
            Path file = dir.resolve("long.ckpt");
            Files.write(file, Arrays.copyOf(bytes, bytes.length + 3));
            StateSnapshot before = t.everything();
            var e = assertThrows(IllegalArgumentException.class, () -> t.opt.load(file));
            assertEquals("checkpoint file has 3 bytes after the end its header announces (" + bytes.length
                    + " bytes); a checkpoint file holds exactly one checkpoint", e.getMessage());
            t.everything().assertSameAs(before, "after the refused load");
            assertThrows(NoSuchFileException.class, () -> t.opt.load(dir.resolve("missing.ckpt")));
        }
    }

    /** Content that passes the checksum but not the structure checks: written on purpose, with a fresh CRC. */
    @Test
    void malformedContentWithAValidChecksumIsRefused() {
        byte[] bytes = checkpoint();
        try (CheckpointRig t = target()) {
            byte[] flags = bytes.clone();
            ByteBuffer.wrap(flags).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 1);
            refused(t, resealed(flags), "malformed checkpoint: header flags 0x00000001, version 1 defines none");

            byte[] longer = Arrays.copyOf(bytes, bytes.length + 8);            // 8 more data bytes, the CRC moved to the end
            ByteBuffer b = ByteBuffer.wrap(longer).order(ByteOrder.LITTLE_ENDIAN);
            long content = b.getLong(16);
            b.putLong(16, content + 8);
            int metadata = b.getInt(24);
            long dataStart = (24 + 4 + metadata + 7) / 8 * 8;
            long data = 24 + content - dataStart;
            refused(t, resealed(longer), "malformed checkpoint: the metadata describes " + data + " bytes of float arrays, "
                    + "the data section has " + (data + 8));

            byte[] steps = bytes.clone();
            ByteBuffer.wrap(steps).order(ByteOrder.LITTLE_ENDIAN).putLong(28, -1);
            refused(t, resealed(steps), "malformed checkpoint: step counter is -1 (metadata at file offset 36)");

            byte[] tag = bytes.clone();
            tag[36] = 42;                                                       // the non-finite policy's tag
            refused(t, resealed(tag), "malformed checkpoint: non-finite policy has unknown value tag 42 (metadata at file offset 37)");
        }
    }

    /** {@code bytes} with its CRC32C recomputed. */
    private static byte[] resealed(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }

    // ---------------------------------------------------------------- the parameters

    @Test
    void anUnknownParameterIsRefused() {
        withTarget(CheckpointRig.standard().build(), regs -> {
            regs.remove("b");
            return regs;
        }, t -> refused(t, checkpoint(), "the checkpoint has parameter 'b', which is not registered here; registered: [w, c]"));
    }

    @Test
    void aMissingParameterIsRefused() {
        withTarget(CheckpointRig.standard().build(), regs -> {
            regs.put("d", new Object[] {Optimizer.DEFAULT_GROUP, 4, new int[0], true});
            return regs;
        }, t -> refused(t, checkpoint(), "parameter 'd' is registered here but not in the checkpoint; it holds: [w, c, b]"));
    }

    @Test
    void aLengthMismatchIsRefused() {
        withTarget(CheckpointRig.standard().build(), regs -> {
            regs.get("w")[1] = 36;
            return regs;
        }, t -> refused(t, checkpoint(), "parameter 'w' has 37 elements in the checkpoint, 36 here"));
    }

    @Test
    void aShapeOrGroupMismatchIsRefused() {
        withTarget(CheckpointRig.standard().build(), regs -> {
            regs.get("b")[2] = new int[] {5, 3};
            return regs;
        }, t -> refused(t, checkpoint(), "parameter 'b' has shape [3, 5] in the checkpoint, [5, 3] here"));
        withTarget(CheckpointRig.standard().build(), regs -> {
            regs.get("c")[0] = CheckpointRig.BIASES;
            return regs;
        }, t -> refused(t, checkpoint(), "parameter 'c' is in group 'default' in the checkpoint, in group 'biases' here"));
    }

    @Test
    void aMissingOrExtraGroupIsRefused() {
        withTarget(Optimizer.builder(Adam.adam().withAmsgrad(true)).learningRate(new StepDecay(0.01, 2, 0.5))
                .clip(GradientClip.norm(5.0)).nonFinite(NonFinitePolicy.SKIP_STEP).build(), regs -> {
            regs.remove("b");
            return regs;
        }, t -> refused(t, checkpoint(), "the checkpoint has group 'biases', which this optimizer does not define; its groups: [default]"));
        withTarget(CheckpointRig.standard().group("extra", new Sgd(), 0.1).build(), UnaryOperator.identity(),
                t -> refused(t, checkpoint(), "group 'extra' of this optimizer is not in the checkpoint; its groups: [default, biases]"));
    }

    // ---------------------------------------------------------------- the rule and its hyperparameters

    @Test
    void aDifferentRuleIsRefusedEvenWithOverride() {
        String m = "group 'default': the checkpoint's rule is dev.gradus.rules.Adam, this optimizer's is dev.gradus.rules.Sgd; "
                + "a checkpoint loads only into the same rule";
        withTarget(Optimizer.builder(new Sgd().withMomentum(0.9)).learningRate(new StepDecay(0.01, 2, 0.5))
                .group(CheckpointRig.BIASES, Lookahead.around(NAdam.nadam()), g -> g.learningRate(0.02))
                .clip(GradientClip.norm(5.0)).nonFinite(NonFinitePolicy.SKIP_STEP).build(), UnaryOperator.identity(), t -> {
            refused(t, checkpoint(), m);
            refused(t, checkpoint(), LoadOptions.overrideHyperparameters(), m);
        });
        withTarget(Optimizer.builder(Adam.adam().withAmsgrad(true)).learningRate(new StepDecay(0.01, 2, 0.5))
                .group(CheckpointRig.BIASES, Lookahead.around(Adam.adam()), g -> g.learningRate(0.02))
                .clip(GradientClip.norm(5.0)).nonFinite(NonFinitePolicy.SKIP_STEP).build(), UnaryOperator.identity(),
                t -> refused(t, checkpoint(), LoadOptions.overrideHyperparameters(), "group 'biases': the checkpoint's rule has inner = "
                        + "dev.gradus.rules.NAdam, this optimizer's has dev.gradus.rules.Adam; a checkpoint loads only into the same rule"));
    }

    @Test
    void differentHyperparametersAreRefusedUnlessOverridden() throws IOException {
        byte[] bytes = checkpoint();
        try (CheckpointRig source = new CheckpointRig().steps(3, 1);
             CheckpointRig t = target(Optimizer.builder(Adam.adam().withAmsgrad(true).withBetas(0.95, 0.999))
                     .learningRate(new StepDecay(0.01, 2, 0.5))
                     .group(CheckpointRig.BIASES, Lookahead.around(NAdam.nadam()).withK(3), g -> g.learningRate(0.02))
                     .clip(GradientClip.norm(5.0)).nonFinite(NonFinitePolicy.SKIP_STEP).build(), UnaryOperator.identity())) {
            refused(t, bytes, "group 'default': hyperparameter beta1 of adam is 0.9 in the checkpoint, 0.95 here; to keep this "
                    + "optimizer's hyperparameters and load only the state, pass LoadOptions.overrideHyperparameters()");
            t.opt.load(new ByteArrayInputStream(bytes), LoadOptions.overrideHyperparameters());
            t.state().assertSameAs(source.state(), "the state is the checkpoint's");
            assertEquals(0.95, ((Adam) t.opt.rule()).beta1(), "the optimizer keeps its own hyperparameters");
            assertEquals(3, ((Lookahead) t.opt.group(CheckpointRig.BIASES).rule()).k());
        }
        withTarget(Optimizer.builder(Adam.adam().withAmsgrad(true)).learningRate(new StepDecay(0.01, 2, 0.5))
                .group(CheckpointRig.BIASES, Lookahead.around(NAdam.nadam().withBetas(0.9, 0.99)), g -> g.learningRate(0.02))
                .clip(GradientClip.norm(5.0)).nonFinite(NonFinitePolicy.SKIP_STEP).build(), UnaryOperator.identity(),
                t -> refused(t, bytes, "group 'biases': hyperparameter inner.beta2 of lookahead is 0.999 in the checkpoint, 0.99 here; "
                        + "to keep this optimizer's hyperparameters and load only the state, pass LoadOptions.overrideHyperparameters()"));
    }

    @Test
    void differentStateNamesAreRefusedEvenWithOverride() {
        withTarget(Optimizer.builder(Adam.adam()).learningRate(new StepDecay(0.01, 2, 0.5))
                .group(CheckpointRig.BIASES, Lookahead.around(NAdam.nadam()), g -> g.learningRate(0.02))
                .clip(GradientClip.norm(5.0)).nonFinite(NonFinitePolicy.SKIP_STEP).build(), UnaryOperator.identity(),
                t -> refused(t, checkpoint(), LoadOptions.overrideHyperparameters(), "group 'default': the checkpoint's rule keeps "
                        + "state slots [m, v, vMax], this optimizer's rule keeps [m, v]; the state cannot be carried over"));
        withTarget(Optimizer.builder(Adam.adam().withAmsgrad(true)).learningRate(new StepDecay(0.01, 2, 0.5))
                .group(CheckpointRig.BIASES, Lookahead.around(NAdam.nadam().withMuSchedule(NAdamMuSchedule.CONSTANT)),
                        g -> g.learningRate(0.02))
                .clip(GradientClip.norm(5.0)).nonFinite(NonFinitePolicy.SKIP_STEP).build(), UnaryOperator.identity(),
                t -> refused(t, checkpoint(), "group 'biases': the checkpoint's rule keeps scalar state [muProduct], "
                        + "this optimizer's rule keeps []; the state cannot be carried over"));
    }

    @Test
    void differentSchedulesClippingOrPolicyAreRefusedUnlessOverridden() throws IOException {
        String hint = "; to keep this optimizer's hyperparameters and load only the state, pass LoadOptions.overrideHyperparameters()";
        byte[] bytes = checkpoint();
        withTarget(Optimizer.builder(Adam.adam().withAmsgrad(true)).learningRate(new StepDecay(0.01, 2, 0.1))
                .group(CheckpointRig.BIASES, Lookahead.around(NAdam.nadam()), g -> g.learningRate(0.02))
                .clip(GradientClip.norm(5.0)).nonFinite(NonFinitePolicy.SKIP_STEP).build(), UnaryOperator.identity(), t -> {
            refused(t, bytes, "group 'default': the learning-rate schedule differs: gamma is 0.5 in the checkpoint, 0.1 here" + hint);
            load(t, bytes, LoadOptions.overrideHyperparameters());
        });
        withTarget(Optimizer.builder(Adam.adam().withAmsgrad(true)).learningRate(e -> 0.01)
                .group(CheckpointRig.BIASES, Lookahead.around(NAdam.nadam()), g -> g.learningRate(0.02))
                .clip(GradientClip.norm(5.0)).nonFinite(NonFinitePolicy.SKIP_STEP).build(), UnaryOperator.identity(), t -> {
            StateSnapshot before = t.everything();
            var e = assertThrows(IllegalArgumentException.class, () -> t.opt.load(new ByteArrayInputStream(bytes)));
            assertTrue(e.getMessage().startsWith("group 'default': the learning-rate schedule differs: StepDecay(base=0.01, stepSize=2, "
                    + "gamma=0.5, form=RECURSIVE) in the checkpoint, a lambda (dev.gradus.simd.CheckpointLoadTest$$Lambda"), e.getMessage());
            assertTrue(e.getMessage().endsWith(") here" + hint), e.getMessage());
            t.everything().assertSameAs(before, "after the refused load");
        });
        withTarget(CheckpointRig.standard().hyperparameter(new StepDecay(0.9, 5, 0.5), (a, b1) -> a.withBetas(b1, a.beta2())).build(),
                UnaryOperator.identity(),
                t -> refused(t, bytes, "group 'default' has 0 hyperparameter schedule(s) in the checkpoint, 1 here" + hint));
        withTarget(CheckpointRig.standard().clip(GradientClip.norm(1.0)).build(), UnaryOperator.identity(),
                t -> refused(t, bytes, "the gradient clipping differs: maxNorm is 5.0 in the checkpoint, 1.0 here" + hint));
        withTarget(Optimizer.builder(Adam.adam().withAmsgrad(true)).learningRate(new StepDecay(0.01, 2, 0.5))
                .group(CheckpointRig.BIASES, Lookahead.around(NAdam.nadam()), g -> g.learningRate(0.02))
                .nonFinite(NonFinitePolicy.SKIP_STEP).build(), UnaryOperator.identity(),
                t -> refused(t, bytes, "the gradient clipping differs: Norm(maxNorm=5.0, infinity=false) in the checkpoint, none here" + hint));
        withTarget(CheckpointRig.standard().nonFinite(NonFinitePolicy.THROW).build(), UnaryOperator.identity(), t -> {
            refused(t, bytes, "the non-finite policy differs: SKIP_STEP in the checkpoint, THROW here" + hint);
            load(t, bytes, LoadOptions.overrideHyperparameters());
        });
    }

    private static void load(CheckpointRig t, byte[] bytes, LoadOptions options) {
        try {
            t.opt.load(new ByteArrayInputStream(bytes), options);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void lambdaSchedulesCannotBeCheckedAndAreAccepted() throws IOException {
        try (CheckpointRig source = new CheckpointRig(CheckpointRig.standard().learningRate(e -> 0.01 / (1 + e)).build(),
                UnaryOperator.identity()).steps(3, 1);
             CheckpointRig t = target(CheckpointRig.standard().learningRate(e -> 0.5).build(), UnaryOperator.identity())) {
            t.opt.load(new ByteArrayInputStream(source.save()));
            t.state().assertSameAs(source.state(), "loaded");
        }
    }

    // ---------------------------------------------------------------- the optimizer and the arguments

    @Test
    void aClosedOptimizerOrAClosedParameterArenaIsRefused() {
        byte[] bytes = checkpoint();
        CheckpointRig t = target();
        t.arena.close();                                   // 'b' and its gradient lived there
        StateSnapshot heap = StateSnapshot.ofBuffers(Map.of("w", t.values.get("w"), "c", t.values.get("c")));
        var closedArena = assertThrows(IllegalStateException.class, () -> t.opt.load(new ByteArrayInputStream(bytes)));
        assertEquals("parameter 'b' belongs to an arena that was closed", closedArena.getMessage());
        StateSnapshot.ofBuffers(Map.of("w", t.values.get("w"), "c", t.values.get("c"))).assertSameAs(heap, "after the refused load");
        assertEquals(2, t.opt.stepCount());
        assertEquals("parameter 'b' belongs to an arena that was closed",
                assertThrows(IllegalStateException.class, () -> t.opt.save(new ByteArrayOutputStream())).getMessage());
        t.opt.close();
        var closed = assertThrows(IllegalStateException.class, () -> t.opt.load(new ByteArrayInputStream(bytes)));
        assertEquals("the optimizer is closed", closed.getMessage());
        assertEquals("the optimizer is closed", assertThrows(IllegalStateException.class, () -> t.opt.save(new ByteArrayOutputStream()))
                .getMessage());
    }

    @Test
    void aParameterOfAnotherThreadsConfinedArenaIsRefused() throws Exception {
        byte[] bytes = checkpoint();
        try (CheckpointRig t = new CheckpointRig(CheckpointRig.standard().build(), regs -> {
            regs.remove("b");
            return regs;
        })) {
            // 'b' is registered by the thread that owns its confined arena; this thread cannot touch it.
            var owner = java.util.concurrent.Executors.newSingleThreadExecutor();
            Arena confined = owner.submit(Arena::ofConfined).get();
            owner.submit(() -> t.opt.group(CheckpointRig.BIASES).register("b", confined.allocate(60, 64), confined.allocate(60, 64), 3, 5))
                    .get();
            var e = assertThrows(IllegalStateException.class, () -> t.opt.load(new ByteArrayInputStream(bytes)));
            assertEquals("parameter 'b' belongs to a confined arena of another thread; this thread cannot access it", e.getMessage());
            var s = assertThrows(IllegalStateException.class, () -> t.opt.save(new ByteArrayOutputStream()));
            assertEquals("parameter 'b' belongs to a confined arena of another thread; this thread cannot access it", s.getMessage());
            var step = assertThrows(IllegalStateException.class, t.opt::step);
            assertEquals("parameter 'b' belongs to a confined arena of another thread; this thread cannot access it", step.getMessage());
            assertEquals(0, t.opt.stepCount());
            owner.submit(() -> {                                                            // its owner can load
                t.opt.load(new ByteArrayInputStream(bytes));
                return null;
            }).get();
            assertEquals(3, t.opt.stepCount());
            owner.submit(t.opt::close).get();                                             // it owns 'b''s state too
            owner.submit(confined::close).get();
            owner.close();
        }
    }

    @Test
    void nullArgumentsAreRefused() {
        try (CheckpointRig t = target()) {
            assertEquals("checkpoint file must not be null", assertThrows(IllegalArgumentException.class, () -> t.opt.load((Path) null)).getMessage());
            assertEquals("checkpoint stream must not be null",
                    assertThrows(IllegalArgumentException.class, () -> t.opt.load((java.io.InputStream) null)).getMessage());
            assertEquals("load options must not be null",
                    assertThrows(IllegalArgumentException.class, () -> t.opt.load(new ByteArrayInputStream(new byte[0]), null)).getMessage());
            assertEquals("checkpoint file must not be null", assertThrows(IllegalArgumentException.class, () -> t.opt.save((Path) null)).getMessage());
            assertEquals("checkpoint stream must not be null",
                    assertThrows(IllegalArgumentException.class, () -> t.opt.save((java.io.OutputStream) null)).getMessage());
        }
    }

    @Test
    void aStreamThatFailsMidwayLeavesNothingChanged() {
        byte[] bytes = checkpoint();
        try (CheckpointRig t = target()) {
            StateSnapshot before = t.everything();
            var failing = new SequenceInputStream(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length / 2)), new java.io.InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("disk on fire");
                }
            });
            var e = assertThrows(IOException.class, () -> t.opt.load(failing));
            assertEquals("disk on fire", e.getMessage());
            t.everything().assertSameAs(before, "after the failed read");
        }
    }
}
