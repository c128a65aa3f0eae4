package dev.gradus.bench.race;

import java.util.SplittableRandom;

/** The two models of the race. */
public enum ModelKind {
    SOFTMAX("softmax", "softmax regression 64→10", 0),
    MLP("mlp", "MLP 64→32 (ReLU)→10", 32);

    private final String id;
    private final String description;
    private final int hidden;

    ModelKind(String id, String description, int hidden) {
        this.id = id;
        this.description = description;
        this.hidden = hidden;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public Network create(SplittableRandom init) {
        return new Network(Digits.INPUTS, hidden, Digits.CLASSES, init);
    }
}
