package dev.gradus.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * SWATS's default sums (spec R18) in the plain loop: the two dot products alone, {@code pg ← pg + a_i}
 * and {@code pp ← pp + b_i} for i = 0, 1, … in index order, each addition rounded to float32, over
 * products computed beforehand. Each sum is a chain of dependent additions, so the loop cannot run
 * faster than one addition's latency per element, whatever the SIMD width or the memory speed; the
 * vector kernel's three stages, which run these chains beside the element pass, cannot take less. Its
 * blocks in whole units add the same bits without the chains and can, where the sums grow steadily (as
 * in {@link StepBench}, whose gradient does not change); on products of both signs whose sum stays small
 * they hand over to the three stages. Set against {@link StepBench}'s SWATS and the
 * {@link ProbeBench#copy4r3w} probe in one run (the report's table "SWATS's sums in the plain loop"), it
 * shows which of the two the kernel beat. Score: ns per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SwatsSumsBench {

    @Param({"65536", "16777216"})
    public int size;

    private float[] ug;
    private float[] uu;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        ug = new float[size];
        uu = new float[size];
        for (int i = 0; i < size; i++) {
            // SWATS-sized products (u ~ 1e-3, g ~ 1e-2), far from subnormals, whose additions would be slower
            float u = (float) (random.nextGaussian() * 1e-3), g = (float) (random.nextGaussian() * 1e-2);
            ug[i] = u * g;
            uu[i] = u * u;
        }
    }

    /** Both sums, as the SWATS kernels form them; returned so that JMH consumes them. */
    @Benchmark
    public float indexOrder() {
        float pg = 0f, pp = 0f;
        final float[] a = ug, b = uu;
        for (int i = 0; i < a.length; i++) {
            // pg ← pg + u·g, in index order
            pg = pg + a[i];
            // pp ← pp + u·u, in index order
            pp = pp + b[i];
        }
        return pg + pp;
    }
}
