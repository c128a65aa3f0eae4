package dev.gradus.bench.race;

/**
 * Rows of features with a class label each.
 *
 * @param features one row per example, {@code features[i].length} inputs
 * @param labels   the class of each row, {@code 0 .. classes-1}
 */
public record Dataset(float[][] features, int[] labels) {
    public Dataset {
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " rows but " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }

    public int inputs() {
        return features.length == 0 ? 0 : features[0].length;
    }

    /** The first {@code n} rows (all of them if {@code n} is 0 or larger than the set). */
    public Dataset head(int n) {
        if (n <= 0 || n >= size()) {
            return this;
        }
        float[][] f = new float[n][];
        int[] l = new int[n];
        System.arraycopy(features, 0, f, 0, n);
        System.arraycopy(labels, 0, l, 0, n);
        return new Dataset(f, l);
    }
}
