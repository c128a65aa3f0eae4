import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * ND4J's Adam step, ns per float32 element, for a side-by-side comparison with Gradus (not part of the
 * build; ND4J is a native dependency Gradus does not take).
 *
 * Run: in an empty Maven project whose pom depends on org.nd4j:nd4j-native:1.0.0-M2.1, the same with
 * classifier linux-x86_64-avx2 (or -avx512), org.bytedeco:openblas:0.3.21-1.5.8:linux-x86_64,
 * org.bytedeco:javacpp:1.5.8:linux-x86_64 and org.slf4j:slf4j-simple:1.7.36, run
 * `mvn dependency:build-classpath -Dmdep.outputFile=cp.txt`, then from there
 *   java -cp "$(cat cp.txt)" /path/to/gradus/bench/peers/Nd4jAdam.java [sizes, comma-separated]
 * ({@code OMP_NUM_THREADS=1} in the environment runs it on one thread; it prints the count it uses.)
 * Per step: the updater turns the gradient into the update in place (m, v and the update, its native
 * loop on ND4J's default threads), then the parameter subtracts it. The gradient array is refilled from
 * a fixed copy first, outside the timing, so every step sees the same gradient. Best of 7 timings of
 * >= 0.3 s each.
 */
public class Nd4jAdam {
    public static void main(String[] args) {
        System.out.println("ND4J " + Nd4j.getExecutioner().getClass().getSimpleName() + ", threads: "
                + Nd4j.getEnvironment().maxThreads());
        String sizes = args.length > 0 ? args[0] : "4096,65536,1048576,16777216";
        for (String size : sizes.split(",")) {
            long n = Long.parseLong(size.trim());
            INDArray param = Nd4j.randn(DataType.FLOAT, 1, n);
            INDArray fixed = Nd4j.randn(DataType.FLOAT, 1, n).muli(1e-2);
            INDArray grad = fixed.dup();
            INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2 * n);
            GradientUpdater<?> u = new Adam(1e-3).instantiate(state, true);
            int iteration = 0;
            double best = Double.POSITIVE_INFINITY;
            for (int round = 0; round < 8; round++) {     // round 0 warms up
                long spent = 0, calls = 0;
                while (spent < 300_000_000L) {
                    grad.assign(fixed);
                    long t0 = System.nanoTime();
                    u.applyUpdater(grad, iteration++, 0);
                    param.subi(grad);
                    spent += System.nanoTime() - t0;
                    calls++;
                }
                if (round > 0) best = Math.min(best, (double) spent / calls / n);
            }
            System.out.printf("n=%-9d %.3f ns/element%n", n, best);
        }
    }
}
