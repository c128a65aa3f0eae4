package dev.gradus.bench.race;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Backpropagation agrees with finite differences of the loss. */
class NetworkTest {

    @Test
    void gradientsMatchFiniteDifferences() {
        Dataset data = Digits.split(Digits.load()).train().head(16);
        int[] rows = new int[data.size()];
        java.util.Arrays.setAll(rows, i -> i);
        for (ModelKind kind : ModelKind.values()) {
            Network net = kind.create(new SplittableRandom(7));
            net.lossAndGradient(data, rows, 0, rows.length);
            SplittableRandom pick = new SplittableRandom(3);
            for (Parameter p : net.parameters()) {
                float[] grad = p.grad().clone();
                for (int k = 0; k < 5; k++) {
                    int i = pick.nextInt(p.value().length);
                    float saved = p.value()[i];
                    // A small step (ReLU kinks), measured as the float change it really made.
                    float h = 1e-3f;
                    p.value()[i] = saved + h;
                    double dUp = p.value()[i] - (double) saved;
                    double up = net.loss(data);
                    p.value()[i] = saved - h;
                    double dDown = saved - (double) p.value()[i];
                    double down = net.loss(data);
                    p.value()[i] = saved;
                    double numeric = (up - down) / (dUp + dDown);
                    assertEquals(numeric, grad[i], 2e-3 + 2e-2 * Math.abs(numeric), kind + " " + p.name() + "[" + i + "]");
                }
            }
        }
    }
}
