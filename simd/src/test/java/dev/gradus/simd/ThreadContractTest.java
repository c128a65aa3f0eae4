package dev.gradus.simd;

import dev.gradus.LoadOptions;
import dev.gradus.Optimizer;
import dev.gradus.rules.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The enforced part of the Optimizer's thread-safety contract: step, register, save, load and
 * close hold the optimizer, and a call that overlaps one of them fails at once with
 * {@link IllegalStateException}, writing nothing, while the holder completes undisturbed; and a
 * buffer confined to another thread is refused before anything is written.
 */
class ThreadContractTest {

    static final String BUSY = "the optimizer is already in use by another thread (step, register, save, load or close); "
            + "an Optimizer must be used from one thread at a time";

    @TempDir
    Path dir;

    /** A heap and a native parameter with fixed gradients. */
    private static final class Rig implements AutoCloseable {
        final Arena arena = Arena.ofShared();
        final Optimizer opt;
        final Map<String, MemorySegment> values = new LinkedHashMap<>(), grads = new LinkedHashMap<>();

        Rig(Optimizer opt, int n) {
            this.opt = opt;
            SplittableRandom r = new SplittableRandom(n);
            float[] w = new float[n], gw = new float[n];
            MemorySegment u = arena.allocate(4L * n, 64), gu = arena.allocate(4L * n, 64);
            for (int i = 0; i < n; i++) {
                w[i] = (float) r.nextGaussian();
                gw[i] = (float) r.nextGaussian();
                u.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, i, (float) r.nextGaussian());
                gu.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, i, (float) r.nextGaussian());
            }
            opt.register("w", w, gw).register("u", u, gu);
            values.put("w", MemorySegment.ofArray(w));
            values.put("u", u);
            grads.put("w", MemorySegment.ofArray(gw));
            grads.put("u", gu);
        }

        StateSnapshot state() {
            return StateSnapshot.of(opt, values, grads);
        }

        byte[] save() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            opt.save(out);
            return out.toByteArray();
        }

        @Override
        public void close() {
            opt.close();
            arena.close();
        }
    }

    private static void busy(Executable call) {
        assertEquals(BUSY, assertThrows(IllegalStateException.class, call).getMessage());
    }

    @Test
    void whileAStepRunsEveryHeldCallIsRefusedAndWritesNothing() throws Exception {
        CountDownLatch inside = new CountDownLatch(1), release = new CountDownLatch(1);
        AtomicBoolean block = new AtomicBoolean(true);
        try (Rig rig = new Rig(Optimizer.builder(Adam.adam()).learningRate(e -> {
            if (block.getAndSet(false)) {
                inside.countDown();
                await(release);
            }
            return 0.01;
        }).build(), 64); Rig other = new Rig(Optimizer.builder(Adam.adam()).learningRate(0.01).build(), 64)) {
            byte[] checkpoint = other.save();
            Path file = dir.resolve("other.ckpt");
            other.opt.save(file);
            Thread stepper = new Thread(rig.opt::step);
            stepper.start();
            inside.await();
            StateSnapshot during = rig.state();
            busy(rig.opt::step);
            busy(() -> rig.opt.register("late", new float[1], new float[1]));
            busy(() -> rig.opt.save(new ByteArrayOutputStream()));
            busy(() -> rig.opt.save(dir.resolve("during.ckpt")));
            busy(() -> rig.opt.load(new ByteArrayInputStream(checkpoint)));
            busy(() -> rig.opt.load(file));
            busy(rig.opt::close);
            rig.state().assertSameAs(during, "after the refused calls");
            release.countDown();
            stepper.join();
            assertEquals(1, rig.opt.stepCount(), "the held step completed");
            rig.opt.step();
            rig.opt.load(file, LoadOptions.overrideHyperparameters());       // its schedule is a lambda, the other's a constant
            assertEquals(0, rig.opt.stepCount(), "everything works again once the holder is done");
        }
    }

    @Test
    void whileASaveOrALoadRunsAStepIsRefused() throws Exception {
        try (Rig rig = new Rig(Optimizer.builder(Adam.adam()).learningRate(0.01).build(), 5000);
             Rig replica = new Rig(Optimizer.builder(Adam.adam()).learningRate(0.01).build(), 5000);
             ExecutorService pool = Executors.newSingleThreadExecutor()) {
            rig.opt.step();
            StateSnapshot saved = rig.state();
            CountDownLatch inside = new CountDownLatch(1), release = new CountDownLatch(1);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            OutputStream slow = new OutputStream() {              // blocks in its first write
                boolean first = true;

                @Override
                public void write(int b) {
                    bytes.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    if (first) {
                        first = false;
                        inside.countDown();
                        await(release);
                    }
                    bytes.write(b, off, len);
                }
            };
            Future<?> save = pool.submit(() -> {
                rig.opt.save(slow);
                return null;
            });
            inside.await();
            busy(rig.opt::step);
            release.countDown();
            save.get();
            replica.opt.load(new ByteArrayInputStream(bytes.toByteArray()));
            replica.state().assertSameAs(saved, "the checkpoint written while a step was refused");

            CountDownLatch reading = new CountDownLatch(1), go = new CountDownLatch(1);
            byte[] all = bytes.toByteArray();
            InputStream slowIn = new InputStream() {              // blocks half way through
                int at;

                @Override
                public int read() {
                    if (at == all.length / 2) {
                        reading.countDown();
                        await(go);
                    }
                    return at < all.length ? all[at++] & 0xff : -1;
                }
            };
            rig.opt.step();
            Future<?> load = pool.submit(() -> {
                rig.opt.load(slowIn);
                return null;
            });
            reading.await();
            busy(rig.opt::step);
            go.countDown();
            load.get();
            rig.state().assertSameAs(saved, "the load completed after the refused step");
        }
    }

    @Test
    void aStepCalledBackFromItsOwnScheduleFailsAndWritesNothing() {
        Optimizer[] self = new Optimizer[1];
        AtomicBoolean recurse = new AtomicBoolean(true);
        try (Rig rig = new Rig(self[0] = Optimizer.builder(Adam.adam()).learningRate(e -> {
            if (recurse.getAndSet(false)) {
                self[0].step();
            }
            return 0.01;
        }).build(), 16)) {
            StateSnapshot before = rig.state();
            busy(rig.opt::step);
            rig.state().assertSameAs(before, "after the refused step");
            rig.opt.step();
            assertEquals(1, rig.opt.stepCount(), "the optimizer is free again");
        }
    }

    /**
     * Two threads call step() as fast as they can until {@code calls} steps are taken: every call
     * either takes a whole step or is refused, the counter counts exactly the steps taken, and the
     * result equals that many steps taken one after the other.
     */
    @Test
    void twoThreadsHammeringStepLoseNoStepAndTearNone() throws Exception {
        int n = 8192, calls = 200;
        try (Rig rig = new Rig(Optimizer.builder(Adam.adam().withAmsgrad(true)).learningRate(0.01).build(), n);
             Rig reference = new Rig(Optimizer.builder(Adam.adam().withAmsgrad(true)).learningRate(0.01).build(), n)) {
            AtomicInteger taken = new AtomicInteger(), refused = new AtomicInteger();
            int[] byThread = new int[2];
            List<Throwable> other = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch go = new CountDownLatch(1);
            Thread[] threads = new Thread[2];
            for (int t = 0; t < 2; t++) {
                int k = t;
                threads[t] = new Thread(() -> {
                    await(go);
                    while (taken.get() < calls) {
                        try {
                            rig.opt.step();
                            taken.incrementAndGet();
                            byThread[k]++;
                        } catch (IllegalStateException e) {
                            if (!e.getMessage().equals(BUSY)) {
                                other.add(e);
                            }
                            refused.incrementAndGet();
                        } catch (Throwable e) {
                            other.add(e);
                        }
                    }
                });
                threads[t].start();
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of(), other);
            assertEquals(taken.get(), byThread[0] + byThread[1]);
            assertEquals(taken.get(), rig.opt.stepCount(), "every successful call took exactly one step");
            for (int i = 0; i < taken.get(); i++) {
                reference.opt.step();
            }
            rig.state().assertSameAs(reference.state(), taken.get() + " racing steps vs the same number in a row");
            System.out.println("[gradus] two threads racing for " + calls + " steps: " + byThread[0] + " + " + byThread[1] + " taken, "
                    + refused.get() + " calls refused as overlapping");
        }
    }

    /** Saves racing steps: each save that is not refused holds the state after some whole number of steps. */
    @Test
    void savesRacingStepsAreNeverTorn() throws Exception {
        int n = 4096, steps = 80;
        try (Rig rig = new Rig(Optimizer.builder(Adam.adam()).learningRate(0.01).build(), n);
             Rig replica = new Rig(Optimizer.builder(Adam.adam()).learningRate(0.01).build(), n);
             Rig reference = new Rig(Optimizer.builder(Adam.adam()).learningRate(0.01).build(), n)) {
            AtomicBoolean done = new AtomicBoolean();
            List<byte[]> saves = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Throwable> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger attempts = new AtomicInteger(), turn = new AtomicInteger();
            Thread saver = new Thread(() -> {                   // one save per step of the stepper, racing its next step
                int seen = 0;
                while (!done.get()) {
                    if (turn.get() == seen) {
                        Thread.onSpinWait();
                        continue;
                    }
                    seen = turn.get();
                    try {
                        attempts.incrementAndGet();
                        saves.add(rig.save());
                    } catch (IllegalStateException e) {
                        if (!e.getMessage().equals(BUSY)) {
                            unexpected.add(e);
                        }
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                }
            });
            saver.start();
            int taken = 0;
            while (taken < steps) {
                try {
                    rig.opt.step();
                    taken++;
                } catch (IllegalStateException e) {
                    assertEquals(BUSY, e.getMessage());
                }
                int seen = attempts.get();
                turn.incrementAndGet();
                while (attempts.get() == seen && saver.isAlive()) {
                    Thread.onSpinWait();                     // the saver has started; now step again, racing it
                }
            }
            done.set(true);
            saver.join();
            assertEquals(List.of(), unexpected);
            assertTrue(!saves.isEmpty(), "some saves got through");
            List<byte[]> ordered = new ArrayList<>(saves);   // saves of one thread come in step order
            for (byte[] checkpoint : ordered) {
                replica.opt.load(new ByteArrayInputStream(checkpoint));
                while (reference.opt.stepCount() < replica.opt.stepCount()) {
                    reference.opt.step();
                }
                replica.state().assertSameAs(reference.state(), "a checkpoint taken at step " + replica.opt.stepCount());
            }
            System.out.println("[gradus] " + saves.size() + " saves racing " + steps + " steps, none torn");
        }
    }

    @Test
    void aSegmentConfinedToAnotherThreadIsRefusedBeforeAnyWrite() throws Exception {
        try (ExecutorService owner = Executors.newSingleThreadExecutor();
             Optimizer opt = Optimizer.builder(Adam.adam()).learningRate(0.01).build()) {
            Arena confined = owner.submit(Arena::ofConfined).get();
            MemorySegment v = owner.submit(() -> confined.allocate(32, 64)).get(), g = owner.submit(() -> confined.allocate(32, 64)).get();
            assertEquals("parameter 'v' belongs to a confined arena of another thread; register and step it in the thread that owns the arena",
                    assertThrows(IllegalArgumentException.class, () -> opt.register("v", v, g)).getMessage());
            float[] w = {1f, 2f}, gw = {0.5f, 0.5f};
            opt.register("w", w, gw);
            owner.submit(() -> opt.register("v", v, g)).get();             // the owner may register it
            assertEquals("parameter 'v' belongs to a confined arena of another thread; this thread cannot access it",
                    assertThrows(IllegalStateException.class, opt::step).getMessage());
            assertEquals(1f, w[0], "nothing was written");
            assertEquals(0, opt.stepCount());
            owner.submit(opt::step).get();                                 // and step it
            assertEquals(1, opt.stepCount());
            assertFalse(opt.slot("v", Adam.M).isAccessibleBy(Thread.currentThread()), "its state is confined to the owner too");
            assertTrue(opt.slot("w", Adam.M).isAccessibleBy(Thread.currentThread()), "a heap parameter's state is not");
            String ownerName = owner.submit(() -> Thread.currentThread().getName()).get();
            assertEquals("close() runs in thread '" + Thread.currentThread().getName() + "', but the state of the parameters "
                            + "in a confined arena belongs to thread '" + ownerName + "'; close the optimizer there",
                    assertThrows(IllegalStateException.class, opt::close).getMessage());
            owner.submit(opt::step).get();                                 // nothing was freed
            assertEquals(2, opt.stepCount());
            owner.submit(opt::close).get();
            owner.submit(confined::close).get();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
