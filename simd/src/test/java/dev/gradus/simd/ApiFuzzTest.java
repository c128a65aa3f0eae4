package dev.gradus.simd;

import dev.gradus.GradientClip;
import dev.gradus.LoadOptions;
import dev.gradus.NonFinitePolicy;
import dev.gradus.Optimizer;
import dev.gradus.ParamGroup;
import dev.gradus.Schedule;
import dev.gradus.StepReport;
import dev.gradus.kernel.Kernels;
import dev.gradus.kernel.UpdateKernels;
import dev.gradus.rules.Lookahead;
import dev.gradus.rules.Rule;
import dev.gradus.schedule.CosineAnnealing;
import dev.gradus.schedule.LinearWarmup;
import dev.gradus.schedule.StepDecay;
import dev.gradus.testing.CatalogEntry;
import dev.gradus.testing.RuleCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import static org.quicktheories.QuickTheory.qt;

/**
 * A fuzz-style property over the public API. Each scenario builds an optimizer from random (often
 * invalid) hyperparameters, learning rates (NaN, ±∞, negative), schedules, groups, clipping and
 * policies, then runs a random sequence of calls: registrations of random lengths, offsets and
 * alignments, of {@code float[]}, heap slices of every array type, native memory, read-only
 * segments, segments of closed arenas and of another thread's confined arena, buffers overlapping
 * or aliasing each other or the optimizer's own state; steps with special gradient values; arenas
 * closed under registered parameters; saves and loads of valid, truncated, bit-flipped and
 * foreign checkpoints; queries with unknown names; {@code close()}; and two threads calling
 * {@code step()} at once.
 *
 * <p>The property: every call succeeds or throws {@link IllegalArgumentException} or
 * {@link IllegalStateException} with a message of our own (not a JDK-internal one); nothing else
 * escapes; and after a throw every parameter, gradient, slot, scalar state and the step counter
 * are exactly as before (by raw bits).
 */
class ApiFuzzTest {

    private static final int SCENARIOS = Integer.getInteger("gradus.fuzz.scenarios", 300);

    private static final double[] DOUBLES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0, -0.0, 0.0,
            Double.MIN_VALUE, 1e-300, 1e-8, 1e-3, 0.01, 0.1, 0.5, 0.9, 0.999, 1.0, 1.5, 2.0, 1e10, Double.MAX_VALUE};
    private static final int[] INTS = {Integer.MIN_VALUE, -1, 0, 1, 2, 3, 5, 6, Integer.MAX_VALUE};
    private static final long[] LONGS = {Long.MIN_VALUE, -1, 0, 1, 2, 7, 100, Long.MAX_VALUE};
    /** Messages that only the JDK writes: one of these escaping means a check of ours is missing. */
    private static final List<String> JDK_MESSAGES = List.of("Already closed", "Attempted access outside owning thread",
            "Segment is read-only", "Misaligned access", "Out of bound access");

    /** Owns confined arenas for the whole class: their segments are inaccessible from the test thread. */
    private static final ExecutorService OTHER_THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "confined-arena-owner");
        t.setDaemon(true);
        return t;
    });
    private static Arena otherThreadsArena;

    @TempDir
    Path dir;

    @AfterAll
    static void closeOtherThreadsArena() throws Exception {
        if (otherThreadsArena != null) {
            OTHER_THREAD.submit(() -> otherThreadsArena.close()).get();
        }
        OTHER_THREAD.shutdown();
    }

    private static MemorySegment otherThreadSegment(long bytes) {
        try {
            return OTHER_THREAD.submit(() -> {
                if (otherThreadsArena == null) {
                    otherThreadsArena = Arena.ofConfined();
                }
                return otherThreadsArena.allocate(bytes, 64);
            }).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Gen<Rule> anyRule() {
        return Generate.pick(RuleCatalog.entries()).flatMap(CatalogEntry::rules);
    }

    @Test
    void everyCallSucceedsOrFailsCleanlyAndAFailureChangesNothing() {
        int[] counts = new int[3];
        qt().withExamples(SCENARIOS).withShrinkCycles(0)
                .forAll(anyRule(), anyRule(), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE))
                .checkAssert((a, b, seed) -> {
                    try (Scenario s = new Scenario(a, b, seed, dir)) {
                        s.run();
                        counts[0] += s.calls;
                        counts[1] += s.refusals;
                        counts[2] += s.races;
                    }
                });
        System.out.println("[gradus] API fuzz: " + SCENARIOS + " scenarios, " + counts[0] + " calls, " + counts[1]
                + " refused cleanly, " + counts[2] + " two-thread step races");
    }

    /** Something the API is called with: a float[], a segment, or null, with a description. */
    private record Buffer(Object handle, String what) {
        MemorySegment segment() {
            return handle instanceof float[] a ? MemorySegment.ofArray(a) : (MemorySegment) handle;
        }
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    /** One random scenario; {@link #run()} fails with the seed and the calls so far on a violation. */
    private static final class Scenario implements AutoCloseable {
        final SplittableRandom r;
        final long seed;
        final Rule first, second;
        final Path dir;
        final List<String> log = new ArrayList<>();
        final Arena shared = Arena.ofShared();
        final List<Arena> closable = new ArrayList<>();
        final Map<String, MemorySegment> values = new LinkedHashMap<>(), grads = new LinkedHashMap<>();
        final List<byte[]> checkpoints = new ArrayList<>();
        Optimizer opt;
        boolean closed;
        int calls, refusals, races;

        Scenario(Rule first, Rule second, long seed, Path dir) {
            this.first = first;
            this.second = second;
            this.seed = seed;
            this.r = new SplittableRandom(seed);
            this.dir = dir;
        }

        private AssertionError failure(String what, Throwable t) {
            return new AssertionError("seed " + seed + ", rules " + first + " / " + second + ": " + what + "\ncalls so far:\n  "
                    + String.join("\n  ", log.subList(Math.max(0, log.size() - 40), log.size())), t);
        }

        /** Runs one call: success, or a clean refusal that changed nothing. Returns whether it succeeded. */
        boolean attempt(String what, Call call) {
            calls++;
            Map<String, long[]> before = capture();
            try {
                call.run();
                log.add(what + " -> ok");
                return true;
            } catch (IllegalArgumentException | IllegalStateException e) {
                refusals++;
                log.add(what + " -> " + e.getClass().getSimpleName() + ": " + e.getMessage());
                checkMessage(what, e);
                String d = difference(before, capture());
                if (d != null) {
                    throw failure(what + " threw " + e + " but changed " + d, e);
                }
                return false;
            } catch (Throwable t) {
                throw failure(what + " threw " + t, t);
            }
        }

        void checkMessage(String what, RuntimeException e) {
            String m = e.getMessage();
            if (m == null || m.isBlank() || m.length() < 15 || JDK_MESSAGES.stream().anyMatch(m::contains)) {
                throw failure(what + " threw " + e + " without a useful message of its own", e);
            }
        }

        // ------------------------------------------------------------ state

        /** Every parameter, gradient, slot, scalar and the counter, by raw bits (what can be read). */
        Map<String, long[]> capture() {
            Map<String, long[]> m = new LinkedHashMap<>();
            if (opt == null) {
                return m;
            }
            m.put("stepCount", new long[] {opt.stepCount()});
            for (String g : opt.groupNames()) {
                m.put("scalars of group " + g, bits(opt.scalarState(g).values()));
                for (String p : opt.group(g).parameterNames()) {
                    m.put("value of " + p, readable(values.get(p)));
                    m.put("gradient of " + p, readable(grads.get(p)));
                    m.put("scalars of " + p, bits(opt.parameterScalars(p).values()));
                    if (!closed) {
                        for (String slot : opt.group(g).rule().slotNames()) {
                            m.put("slot " + slot + " of " + p, StateSnapshot.floats(opt.slot(p, slot), false));
                        }
                    }
                }
            }
            return m;
        }

        static long[] readable(MemorySegment s) {
            if (s == null || !s.scope().isAlive() || !s.isAccessibleBy(Thread.currentThread())) {
                return new long[] {-1};
            }
            return StateSnapshot.floats(s, false);
        }

        static long[] bits(java.util.Collection<Double> values) {
            return values.stream().mapToLong(Double::doubleToRawLongBits).toArray();
        }

        static String difference(Map<String, long[]> before, Map<String, long[]> after) {
            if (!before.keySet().equals(after.keySet())) {
                return "the entries from " + before.keySet() + " to " + after.keySet();
            }
            for (var e : before.entrySet()) {
                if (!Arrays.equals(e.getValue(), after.get(e.getKey()))) {
                    return e.getKey() + " (first difference at element " + Arrays.mismatch(e.getValue(), after.get(e.getKey())) + ")";
                }
            }
            return null;
        }

        // ------------------------------------------------------------ random inputs

        double anyDouble() {
            return r.nextInt(3) == 0 ? r.nextDouble() : DOUBLES[r.nextInt(DOUBLES.length)];
        }

        double validLr() {
            return new double[] {0.0, 1e-4, 1e-3, 0.01, 0.1, 1.0}[r.nextInt(6)];
        }

        String anyName() {
            return switch (r.nextInt(8)) {
                case 0 -> null;
                case 1 -> "";
                case 2 -> " ";
                case 3 -> values.isEmpty() ? "w" : List.copyOf(values.keySet()).get(r.nextInt(values.size()));
                default -> "p" + r.nextInt(6);
            };
        }

        String anyGroup() {
            return switch (r.nextInt(6)) {
                case 0 -> "nope";
                case 1 -> null;
                case 2 -> "second";
                default -> Optimizer.DEFAULT_GROUP;
            };
        }

        /** A rule of {@code like}'s record class with random components: often invalid. */
        Rule fuzzedRule(Rule like) throws Throwable {
            RecordComponent[] cs = like.getClass().getRecordComponents();
            Object[] args = new Object[cs.length];
            Class<?>[] types = new Class<?>[cs.length];
            for (int i = 0; i < cs.length; i++) {
                types[i] = cs[i].getType();
                Object current = cs[i].getAccessor().invoke(like);
                args[i] = r.nextBoolean() ? current : randomValue(types[i]);
            }
            Constructor<?> c = like.getClass().getDeclaredConstructor(types);
            try {
                return (Rule) c.newInstance(args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        Object randomValue(Class<?> type) {
            if (type == double.class) {
                return anyDouble();
            } else if (type == float.class) {
                return (float) anyDouble();
            } else if (type == int.class) {
                return INTS[r.nextInt(INTS.length)];
            } else if (type == long.class) {
                return LONGS[r.nextInt(LONGS.length)];
            } else if (type == boolean.class) {
                return r.nextBoolean();
            } else if (type.isEnum()) {
                Object[] constants = type.getEnumConstants();
                return r.nextInt(8) == 0 ? null : constants[r.nextInt(constants.length)];
            } else if (type == Rule.class) {
                return switch (r.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> Lookahead.around(second);
                    case 2 -> first;
                    default -> second;
                };
            }
            return null;
        }

        /** A setter that replaces one scalar component of the rule by the scheduled value (often invalid). */
        BiFunction<Rule, Double, Rule> anySetter() {
            int pick = r.nextInt(1000);
            return (rule, x) -> {
                RecordComponent[] cs = rule.getClass().getRecordComponents();
                try {
                    Object[] args = new Object[cs.length];
                    Class<?>[] types = new Class<?>[cs.length];
                    int k = pick % cs.length;
                    for (int i = 0; i < cs.length; i++) {
                        types[i] = cs[i].getType();
                        args[i] = cs[i].getAccessor().invoke(rule);
                    }
                    Class<?> t = types[k];
                    if (t == double.class) {
                        args[k] = x;
                    } else if (t == int.class) {
                        args[k] = (int) (double) x;
                    } else if (t == boolean.class) {
                        args[k] = x > 0.5;
                    } else if (t.isEnum()) {
                        Object[] constants = t.getEnumConstants();
                        args[k] = constants[(int) Math.floorMod((long) (x * 7), (long) constants.length)];
                    }
                    return (Rule) rule.getClass().getDeclaredConstructor(types).newInstance(args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new AssertionError(e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            };
        }

        Schedule anySchedule() {
            double v = anyDouble();
            long bad = r.nextInt(8);
            double lr = validLr();
            return switch (r.nextInt(6)) {
                case 0 -> Schedule.constant(v);
                case 1 -> new StepDecay(v, 1 + r.nextInt(3), 0.5);
                case 2 -> new CosineAnnealing(lr, 1 + r.nextInt(10));
                case 3 -> new LinearWarmup(lr, 0.1, 1.0, 1 + r.nextInt(5));
                default -> e -> e == bad ? v : lr;            // a lambda that goes bad at one step
            };
        }

        GradientClip anyClip() {
            return switch (r.nextInt(4)) {
                case 0 -> null;
                case 1 -> GradientClip.norm(anyDouble());
                case 2 -> GradientClip.infinityNorm(anyDouble());
                default -> GradientClip.value(anyDouble());
            };
        }

        /** A float buffer of about {@code n} elements in one of many forms, some of them invalid. */
        Buffer anyBuffer(int n) {
            int kind = r.nextInt(20);
            return switch (kind) {
                case 0 -> new Buffer(null, "null");
                case 1, 2, 3, 4 -> new Buffer(new float[n], "float[" + n + "]");
                case 5 -> {
                    int off = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 4 * r.nextInt(3);
                    int bytes = 4 * n + (r.nextInt(5) == 0 ? r.nextInt(1, 4) : 0);
                    yield new Buffer(MemorySegment.ofArray(new float[n + 3]).asSlice(off, Math.min(bytes, 4L * (n + 3) - off)),
                            "float[] slice at byte " + off + " of " + bytes + " bytes");
                }
                case 6 -> {
                    Object array = switch (r.nextInt(6)) {
                        case 0 -> new int[n];
                        case 1 -> new double[(n + 1) / 2];
                        case 2 -> new long[(n + 1) / 2];
                        case 3 -> new byte[4 * n];
                        case 4 -> new short[2 * n];
                        default -> new char[2 * n];
                    };
                    MemorySegment s = switch (array) {
                        case int[] a -> MemorySegment.ofArray(a);
                        case double[] a -> MemorySegment.ofArray(a);
                        case long[] a -> MemorySegment.ofArray(a);
                        case byte[] a -> MemorySegment.ofArray(a);
                        case short[] a -> MemorySegment.ofArray(a);
                        case char[] a -> MemorySegment.ofArray(a);
                        default -> throw new AssertionError();
                    };
                    yield new Buffer(s, array.getClass().getSimpleName() + " segment of " + s.byteSize() + " bytes");
                }
                case 7, 8, 9 -> {
                    int off = r.nextInt(5) == 0 ? r.nextInt(1, 4) : 4 * r.nextInt(4);
                    MemorySegment s = shared.allocate(4L * n + 16, 64).asSlice(off, 4L * n);
                    yield new Buffer(s, "native (shared arena) at offset " + off);
                }
                case 10 -> {
                    Arena a = Arena.ofConfined();
                    closable.add(a);
                    yield new Buffer(a.allocate(4L * n, 64), "native (this thread's confined arena)");
                }
                case 11 -> new Buffer(otherThreadSegment(4L * n), "native (another thread's confined arena)");
                case 12 -> {
                    Arena a = Arena.ofConfined();
                    MemorySegment s = a.allocate(4L * n, 64);
                    a.close();
                    yield new Buffer(s, "native (closed arena)");
                }
                case 13 -> {
                    Buffer b = anyBuffer(n);
                    yield b.handle() == null ? b : new Buffer(b.segment().asReadOnly(), "read-only " + b.what());
                }
                case 14, 15 -> {
                    if (values.isEmpty()) {
                        yield new Buffer(new float[n], "float[" + n + "]");
                    }
                    String p = List.copyOf(values.keySet()).get(r.nextInt(values.size()));
                    MemorySegment s = (r.nextBoolean() ? values : grads).get(p);
                    long len = s.byteSize() / 4;
                    long from = len == 0 ? 0 : r.nextLong(len);
                    long count = len - from == 0 ? 0 : 1 + r.nextLong(len - from);
                    yield new Buffer(s.asSlice(from * 4, count * 4), "slice [" + from + ", " + (from + count) + ") of the memory of '" + p + "'");
                }
                case 16 -> {
                    if (values.isEmpty() || opt == null || closed) {
                        yield new Buffer(new float[n], "float[" + n + "]");
                    }
                    String p = List.copyOf(values.keySet()).get(r.nextInt(values.size()));
                    String g = groupOf(p);
                    List<String> slots = opt.group(g).rule().slotNames();
                    if (slots.isEmpty()) {
                        yield new Buffer(new float[n], "float[" + n + "]");
                    }
                    String slot = slots.get(r.nextInt(slots.size()));
                    yield new Buffer(opt.slot(p, slot), "the optimizer's slot " + slot + " of '" + p + "'");
                }
                default -> new Buffer(Arena.ofAuto().allocate(4L * n, 4), "native (automatic arena)");
            };
        }

        String groupOf(String param) {
            for (String g : opt.groupNames()) {
                if (opt.group(g).parameterNames().contains(param)) {
                    return g;
                }
            }
            throw new AssertionError(param);
        }

        int[] anyShape(int n) {
            return switch (r.nextInt(8)) {
                case 0 -> null;
                case 1, 2, 3 -> new int[0];
                case 4 -> {
                    int rows = 1 + r.nextInt(4);
                    yield n % rows == 0 ? new int[] {rows, n / rows} : new int[] {n};
                }
                case 5 -> new int[] {r.nextInt(-2, 5), r.nextInt(-2, 5)};
                case 6 -> new int[] {n, 1, 1, 1};
                default -> new int[] {65536, 65536, 65536, 65536, n};     // a product that overflows
            };
        }

        // ------------------------------------------------------------ the scenario

        void run() {
            Rule main = first;
            if (r.nextInt(3) == 0) {
                Rule[] made = new Rule[1];
                if (attempt("a rule " + first.getClass().getSimpleName() + " with random components", () -> made[0] = fuzzedRuleOrThrow())) {
                    main = made[0];
                }
            }
            if (!build(main)) {
                return;
            }
            int n = 10 + r.nextInt(40);
            for (int i = 0; i < n; i++) {
                int op = r.nextInt(100);
                if (op < 30) {
                    register();
                } else if (op < 55) {
                    step();
                } else if (op < 62) {
                    save();
                } else if (op < 72) {
                    load();
                } else if (op < 84) {
                    query();
                } else if (op < 87) {
                    closeAnArena();
                } else if (op < 95) {
                    race();
                } else if (op < 97) {
                    attempt("close()", () -> {
                        opt.close();
                        closed = true;
                    });
                } else {
                    attempt("register after the first step or close", () -> opt.register("late" + r.nextInt(3), new float[2], new float[2]));
                }
            }
        }

        Rule fuzzedRuleOrThrow() throws Exception {
            try {
                return fuzzedRule(first);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        }

        @SuppressWarnings("unchecked")
        boolean build(Rule main) {
            Optimizer.Builder<Rule>[] b = new Optimizer.Builder[1];
            Rule rule = r.nextInt(30) == 0 ? null : main;
            if (!attempt("builder(" + rule + ")", () -> b[0] = Optimizer.builder(rule))) {
                return false;
            }
            int ops = r.nextInt(7);
            for (int i = 0; i < ops; i++) {
                switch (r.nextInt(8)) {
                    case 0 -> {
                        double lr = r.nextBoolean() ? validLr() : anyDouble();
                        attempt("learningRate(" + lr + ")", () -> b[0].learningRate(lr));
                    }
                    case 1 -> {
                        Schedule[] s = new Schedule[1];
                        if (attempt("a schedule", () -> s[0] = anySchedule())) {
                            attempt("learningRate(" + s[0] + ")", () -> b[0].learningRate(s[0]));
                        }
                    }
                    case 2 -> {
                        Schedule[] s = new Schedule[1];
                        if (attempt("a schedule", () -> s[0] = anySchedule())) {
                            attempt("hyperparameter(" + s[0] + ", random component)", () -> b[0].hyperparameter(s[0], anySetter()));
                        }
                    }
                    case 3 -> {
                        String name = r.nextInt(4) == 0 ? anyGroup() : "second";
                        double lr = r.nextBoolean() ? validLr() : anyDouble();
                        Rule g = r.nextInt(20) == 0 ? null : second;
                        if (r.nextBoolean()) {
                            attempt("group(" + name + ", " + g + ", " + lr + ")", () -> b[0].group(name, g, lr));
                        } else {
                            attempt("group(" + name + ", " + g + ", schedules)", () -> b[0].group(name, g, gb -> {
                                gb.learningRate(anySchedule());
                                if (r.nextBoolean()) {
                                    gb.hyperparameter(anySchedule(), anySetter());
                                }
                            }));
                        }
                    }
                    case 4 -> {
                        NonFinitePolicy p = r.nextInt(5) == 0 ? null : NonFinitePolicy.values()[r.nextInt(3)];
                        attempt("nonFinite(" + p + ")", () -> b[0].nonFinite(p));
                    }
                    case 5 -> {
                        GradientClip[] c = new GradientClip[1];
                        if (attempt("a clip", () -> c[0] = anyClip())) {
                            attempt("clip(" + c[0] + ")", () -> b[0].clip(c[0]));
                        }
                    }
                    case 6 -> {
                        UpdateKernels k = switch (r.nextInt(4)) {
                            case 0 -> null;
                            case 1 -> Kernels.byName("scalar");
                            default -> Kernels.unavailableReason("vector").isEmpty() ? Kernels.byName("vector") : Kernels.byName("scalar");
                        };
                        attempt("kernels(" + (k == null ? null : k.name()) + ")", () -> b[0].kernels(k));
                    }
                    default -> { }
                }
            }
            if (attempt("build()", () -> opt = b[0].build())) {
                return true;
            }
            b[0].learningRate(0.01);
            return attempt("build() with a learning rate", () -> opt = b[0].build());
        }

        void register() {
            int n = r.nextInt(5) == 0 ? r.nextInt(3) : 1 + r.nextInt(r.nextInt(10) == 0 ? 3000 : 80);
            Buffer v = anyBuffer(n);
            Buffer g = switch (r.nextInt(10)) {
                case 0 -> v;                                      // the same memory for both
                case 1 -> anyBuffer(Math.max(0, n + r.nextInt(-1, 2)));   // a length that may differ
                default -> anyBuffer(n);
            };
            String name = anyName();
            String group = anyGroup();
            int[] shape = anyShape(n);
            String what = "register('" + name + "' in " + group + ", " + v.what() + ", gradient " + g.what() + ", shape "
                    + Arrays.toString(shape) + ")";
            boolean arrays = v.handle() instanceof float[] && (g.handle() instanceof float[] || g.handle() == null);
            boolean ok = attempt(what, () -> {
                ParamGroup pg = opt.group(group);
                if (arrays) {
                    pg.register(name, (float[]) v.handle(), (float[]) g.handle(), shape);
                } else {
                    pg.register(name, v.handle() == null ? null : v.segment(), g.handle() == null ? null : g.segment(), shape);
                }
            });
            if (ok) {
                values.put(name, v.segment());
                grads.put(name, g.segment());
            }
        }

        void fillGradients() {
            for (MemorySegment g : grads.values()) {
                if (g.scope().isAlive() && g.isAccessibleBy(Thread.currentThread()) && !g.isReadOnly()) {
                    int special = r.nextInt(4) == 0 ? 5 : 0;
                    for (long i = 0; i < g.byteSize() / 4; i++) {
                        g.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, dev.gradus.testing.Buffers.value(r, special));
                    }
                }
            }
        }

        void step() {
            fillGradients();
            attempt("step()", () -> opt.step());
        }

        void save() {
            if (r.nextInt(4) == 0) {
                attempt("save(file)", () -> opt.save(dir.resolve("fuzz.ckpt")));
                return;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (attempt("save(stream)", () -> opt.save(out))) {
                checkpoints.add(out.toByteArray());
            }
        }

        void load() {
            byte[] bytes;
            String what;
            if (checkpoints.isEmpty() || r.nextInt(6) == 0) {
                bytes = new byte[r.nextInt(200)];
                r.nextBytes(bytes);
                if (bytes.length >= 8 && r.nextBoolean()) {
                    System.arraycopy("GRADUSCK".getBytes(), 0, bytes, 0, 8);
                }
                what = "random bytes";
            } else {
                bytes = checkpoints.get(r.nextInt(checkpoints.size())).clone();
                what = "a checkpoint of this run";
                switch (r.nextInt(4)) {
                    case 0 -> {
                        int bit = r.nextInt(bytes.length * 8);
                        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                        what += " with bit " + bit + " flipped";
                    }
                    case 1 -> {
                        bytes = Arrays.copyOf(bytes, r.nextInt(bytes.length));
                        what += " cut to " + bytes.length + " bytes";
                    }
                    default -> { }
                }
            }
            LoadOptions options = switch (r.nextInt(5)) {
                case 0 -> null;
                case 1 -> LoadOptions.overrideHyperparameters();
                default -> LoadOptions.strict();
            };
            byte[] b = bytes;
            attempt("load(" + what + ", " + options + ")", () -> opt.load(new ByteArrayInputStream(b), options));
        }

        void query() {
            String p = anyName(), g = anyGroup();
            String slot = r.nextInt(5) == 0 ? null : new String[] {"m", "v", "vMax", "slow", "momentum", "sum", "x"}[r.nextInt(7)];
            switch (r.nextInt(9)) {
                case 0 -> attempt("slot(" + p + ", " + slot + ")", () -> opt.slot(p, slot));
                case 1 -> attempt("slotValues(" + p + ", " + slot + ")", () -> opt.slotValues(p, slot));
                case 2 -> attempt("parameterScalars(" + p + ")", () -> opt.parameterScalars(p));
                case 3 -> attempt("scalarState(" + g + ")", () -> opt.scalarState(g));
                case 4 -> attempt("group(" + g + ").learningRate()", () -> opt.group(g).learningRate());
                case 5 -> attempt("learningRate()", () -> opt.learningRate());
                case 6 -> attempt("parameterNames()", () -> opt.parameterNames());
                case 7 -> attempt("slotValues of a registered parameter", () -> {
                    if (!values.isEmpty()) {
                        String q = List.copyOf(values.keySet()).get(0);
                        for (String s : opt.group(groupOf(q)).rule().slotNames()) {
                            opt.slotValues(q, s);
                        }
                    }
                });
                default -> attempt("scalarState()", () -> opt.scalarState());
            }
        }

        void closeAnArena() {
            if (!closable.isEmpty()) {
                Arena a = closable.remove(r.nextInt(closable.size()));
                a.close();
                log.add("closed a confined arena");
            }
        }

        /** Two threads call step() at the same moment. */
        void race() {
            fillGradients();
            races++;
            calls += 2;
            long before = opt.stepCount();
            Map<String, long[]> state = capture();
            CountDownLatch go = new CountDownLatch(1);
            Throwable[] outcome = new Throwable[2];
            boolean[] applied = new boolean[2];
            Thread[] threads = new Thread[2];
            for (int i = 0; i < 2; i++) {
                int k = i;
                threads[i] = new Thread(() -> {
                    try {
                        go.await();
                        StepReport report = opt.step();
                        applied[k] = report.applied();
                    } catch (Throwable t) {
                        outcome[k] = t;
                    }
                });
                threads[i].start();
            }
            go.countDown();
            for (Thread t : threads) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(60));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            int succeeded = 0;
            for (int i = 0; i < 2; i++) {
                Throwable t = outcome[i];
                if (t == null) {
                    succeeded++;
                    continue;
                }
                if (!(t instanceof IllegalArgumentException || t instanceof IllegalStateException)) {
                    throw failure("a racing step() threw " + t, t);
                }
                refusals++;
                checkMessage("a racing step()", (RuntimeException) t);
            }
            int steps = (applied[0] ? 1 : 0) + (applied[1] ? 1 : 0);
            log.add("two threads step() -> " + succeeded + " succeeded, " + steps + " applied, outcomes " + Arrays.toString(outcome));
            if (opt.stepCount() != before + steps) {
                throw failure("after a race with " + steps + " applied steps the counter went from " + before + " to " + opt.stepCount(), null);
            }
            if (succeeded == 0) {
                String d = difference(state, capture());
                if (d != null) {
                    throw failure("both racing steps failed but " + d + " changed", null);
                }
            }
        }

        @Override
        public void close() {
            if (opt != null) {
                opt.close();
            }
            for (Arena a : closable) {
                a.close();
            }
            shared.close();
        }
    }
}
