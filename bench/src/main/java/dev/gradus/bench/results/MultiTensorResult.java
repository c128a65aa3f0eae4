package dev.gradus.bench.results;

/**
 * One JMH result of {@code MultiTensorBench.step}: an Adam {@code Optimizer.step()} over about a
 * million floats ({@link #elements()}) laid out as {@code layout}.
 *
 * @param layout    {@code COUNTxLENGTH} (separate {@code float[]} parameters) or
 *                  {@code COUNTxLENGTH/block} (views of one {@code ParameterLayout} block)
 * @param threads   1 (single-threaded) or the {@code StepPool} size (default threshold)
 * @param nsPerCall JMH's score: average ns per step
 * @param errorNs   JMH's 99.9% confidence half-width of the score
 * @param spread    slowest ÷ fastest measured iteration (NaN with fewer than two)
 */
public record MultiTensorResult(String layout, int threads, double nsPerCall, double errorNs, double spread) {

    /** The layout every other is compared with: one parameter of all the floats. */
    public static final String FLAT = "1x1048576";

    public boolean unsteady() {
        return spread > Measured.UNSTEADY;
    }

    public double microsPerStep() {
        return nsPerCall / 1000;
    }

    public double nsPerElement() {
        return nsPerCall / elements();
    }

    /** Parameters registered: the {@code COUNT} of the layout. */
    public int parameters() {
        return Integer.parseInt(layout.substring(0, layout.indexOf('x')));
    }

    /** Floats stepped: {@code COUNT × LENGTH}. */
    public long elements() {
        String length = layout.substring(layout.indexOf('x') + 1).replace("/block", "");
        return parameters() * Long.parseLong(length);
    }

    /** Whether the parameters are views of one block rather than separate arrays. */
    public boolean block() {
        return layout.endsWith("/block");
    }
}
