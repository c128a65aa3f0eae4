package dev.gradus.bench.race;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small classifier trained with cross-entropy: softmax regression ({@code hidden = 0}), or a
 * one-hidden-layer MLP with ReLU. Weights are float32 (what the optimizers update); activations and
 * gradient sums are computed in double and the mean gradient is rounded to float once. Only
 * deterministic operations are used ({@link StrictMath} for exp/log), so a run gives the same bits
 * every time.
 */
public final class Network {

    private final int inputs;
    private final int hidden;
    private final int classes;
    /** Hidden layer (MLP only): {@code w1[j·inputs + i]}, {@code b1[j]}. */
    private final float[] w1, b1, gw1, gb1;
    /** Output layer: {@code w2[k·width + j]} with width = hidden, or inputs without a hidden layer. */
    private final float[] w2, b2, gw2, gb2;
    private final List<Parameter> parameters = new ArrayList<>();

    /**
     * @param hidden hidden units, 0 for softmax regression
     * @param init   draws the initial weights: N(0, 2/inputs) in the hidden layer (He), N(0, 1/width)
     *               in the output layer of the MLP, N(0, 0.01²) for softmax regression; biases 0
     */
    public Network(int inputs, int hidden, int classes, SplittableRandom init) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.classes = classes;
        int width = hidden > 0 ? hidden : inputs;
        w1 = new float[hidden * inputs];
        b1 = new float[hidden];
        gw1 = new float[w1.length];
        gb1 = new float[hidden];
        w2 = new float[classes * width];
        b2 = new float[classes];
        gw2 = new float[w2.length];
        gb2 = new float[classes];
        double s1 = Math.sqrt(2.0 / inputs);
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) (init.nextGaussian() * s1);
        }
        double s2 = hidden > 0 ? Math.sqrt(1.0 / hidden) : 0.01;
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (float) (init.nextGaussian() * s2);
        }
        if (hidden > 0) {
            parameters.add(new Parameter("hidden.weight", w1, gw1, hidden, inputs));
            parameters.add(new Parameter("hidden.bias", b1, gb1));
        }
        parameters.add(new Parameter("out.weight", w2, gw2, classes, width));
        parameters.add(new Parameter("out.bias", b2, gb2));
    }

    /** Weights and biases with their gradient arrays, in a fixed order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Mean cross-entropy over rows {@code order[from..to)} of {@code data}; fills every gradient
     * array with the gradient of that mean.
     */
    public double lossAndGradient(Dataset data, int[] order, int from, int to) {
        int width = hidden > 0 ? hidden : inputs;
        double[] sw1 = new double[w1.length], sb1 = new double[hidden];
        double[] sw2 = new double[w2.length], sb2 = new double[classes];
        double[] h = new double[width];
        double[] dz = new double[classes];
        double[] dh = new double[hidden];
        double loss = 0;
        for (int r = from; r < to; r++) {
            float[] x = data.features()[order[r]];
            int y = data.labels()[order[r]];
            double[] act = forward(x, h);
            loss += softmaxGradient(act, y, dz);
            for (int k = 0; k < classes; k++) {
                sb2[k] += dz[k];
                int row = k * width;
                for (int j = 0; j < width; j++) {
                    sw2[row + j] += dz[k] * h[j];
                }
            }
            if (hidden > 0) {
                for (int j = 0; j < hidden; j++) {
                    double s = 0;
                    for (int k = 0; k < classes; k++) {
                        s += w2[k * hidden + j] * dz[k];
                    }
                    dh[j] = h[j] > 0 ? s : 0;
                    sb1[j] += dh[j];
                    int row = j * inputs;
                    for (int i = 0; i < inputs; i++) {
                        sw1[row + i] += dh[j] * x[i];
                    }
                }
            }
        }
        double n = to - from;
        mean(sw1, n, gw1);
        mean(sb1, n, gb1);
        mean(sw2, n, gw2);
        mean(sb2, n, gb2);
        return loss / n;
    }

    private static void mean(double[] sum, double n, float[] out) {
        for (int i = 0; i < sum.length; i++) {
            out[i] = (float) (sum[i] / n);
        }
    }

    /** Mean cross-entropy over every row. */
    public double loss(Dataset data) {
        double[] h = new double[hidden > 0 ? hidden : inputs];
        double[] scratch = new double[classes];
        double loss = 0;
        for (int r = 0; r < data.size(); r++) {
            loss += softmaxGradient(forward(data.features()[r], h), data.labels()[r], scratch);
        }
        return loss / data.size();
    }

    /** Share of rows whose largest logit is the label. */
    public double accuracy(Dataset data) {
        double[] h = new double[hidden > 0 ? hidden : inputs];
        int right = 0;
        for (int r = 0; r < data.size(); r++) {
            double[] z = forward(data.features()[r], h);
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (z[k] > z[best]) {
                    best = k;
                }
            }
            right += best == data.labels()[r] ? 1 : 0;
        }
        return right / (double) data.size();
    }

    /** Logits of {@code x}; {@code h} receives the output layer's input (hidden ReLU activations, or x). */
    private double[] forward(float[] x, double[] h) {
        if (hidden > 0) {
            for (int j = 0; j < hidden; j++) {
                double a = b1[j];
                int row = j * inputs;
                for (int i = 0; i < inputs; i++) {
                    a += w1[row + i] * (double) x[i];
                }
                h[j] = a > 0 ? a : 0;
            }
        } else {
            for (int i = 0; i < inputs; i++) {
                h[i] = x[i];
            }
        }
        int width = h.length;
        double[] z = new double[classes];
        for (int k = 0; k < classes; k++) {
            double a = b2[k];
            int row = k * width;
            for (int j = 0; j < width; j++) {
                a += w2[row + j] * h[j];
            }
            z[k] = a;
        }
        return z;
    }

    /** −log softmax(z)[y]; {@code dz} receives softmax(z) − onehot(y). */
    private static double softmaxGradient(double[] z, int y, double[] dz) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            dz[k] = StrictMath.exp(z[k] - max);
            sum += dz[k];
        }
        for (int k = 0; k < z.length; k++) {
            dz[k] /= sum;
        }
        dz[y] -= 1;
        return -(z[y] - max - StrictMath.log(sum));
    }
}
