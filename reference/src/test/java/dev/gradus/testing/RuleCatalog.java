package dev.gradus.testing;

import java.util.List;
import java.util.Optional;

/** Every rule family the project implements. Adding a rule adds one line here. */
public final class RuleCatalog {

    private static final List<CatalogEntry> ENTRIES = List.of(
            new SgdEntry(),
            new AdamEntry(),
            new AdagradEntry(),
            new RmspropEntry(),
            new AdamaxEntry(),
            new AdaBoundEntry(),
            new AdaModEntry(),
            new NAdamEntry(),
            new RAdamEntry(),
            new LookaheadEntry(),
            new RangerEntry(),
            new DiffGradEntry(),
            new YogiEntry(),
            new SwatsEntry());

    private RuleCatalog() {
    }

    public static List<CatalogEntry> entries() {
        return ENTRIES;
    }

    /** The entry that reads golden files of {@code rule}, if any. */
    public static Optional<CatalogEntry> forGoldenRule(String rule) {
        return ENTRIES.stream().filter(e -> e.goldenRules().contains(rule)).findFirst();
    }
}
