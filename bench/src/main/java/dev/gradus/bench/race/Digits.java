package dev.gradus.bench.race;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * The UCI optical-recognition digits (1797 8×8 images, 10 classes; attribution in the
 * {@code NOTICE.md} beside the resource), with pixels scaled from 0..16 to 0..1, and a fixed
 * train/test split.
 */
public final class Digits {
    private Digits() {
    }

    public static final int INPUTS = 64;
    public static final int CLASSES = 10;
    /** Rows held out for testing. */
    public static final int TEST_ROWS = 360;
    /** Seed of the permutation that makes the split: fixed, so every run trains on the same rows. */
    public static final long SPLIT_SEED = 20_261_121L;

    /** A training and a test set. */
    public record Split(Dataset train, Dataset test) {
    }

    /** All 1797 rows in file order. */
    public static Dataset load() {
        try (InputStream raw = Digits.class.getResourceAsStream("digits.csv.gz")) {
            if (raw == null) {
                throw new IllegalStateException("resource dev/gradus/bench/race/digits.csv.gz is missing from the class path");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            List<float[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells.length != INPUTS + 1) {
                    throw new IllegalStateException("digits.csv.gz row " + (rows.size() + 1) + " has " + cells.length
                            + " cells, expected " + (INPUTS + 1));
                }
                float[] x = new float[INPUTS];
                for (int i = 0; i < INPUTS; i++) {
                    x[i] = (float) (Double.parseDouble(cells[i]) / 16.0);
                }
                rows.add(x);
                labels.add((int) Double.parseDouble(cells[INPUTS]));
            }
            return new Dataset(rows.toArray(new float[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read digits.csv.gz", e);
        }
    }

    /** The fixed split: a permutation by {@link #SPLIT_SEED}; the first {@link #TEST_ROWS} rows test, the rest train. */
    public static Split split(Dataset all) {
        int n = all.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, new SplittableRandom(SPLIT_SEED));
        int test = Math.min(TEST_ROWS, n / 2);
        return new Split(pick(all, order, test, n), pick(all, order, 0, test));
    }

    private static Dataset pick(Dataset all, int[] order, int from, int to) {
        float[][] f = new float[to - from][];
        int[] l = new int[to - from];
        for (int i = from; i < to; i++) {
            f[i - from] = all.features()[order[i]];
            l[i - from] = all.labels()[order[i]];
        }
        return new Dataset(f, l);
    }

    /** Fisher–Yates, in place. */
    static void shuffle(int[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
