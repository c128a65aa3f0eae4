package dev.gradus.bench.race;

/** A claim from the papers, measured on the race's data. */
public interface Claim {

    ClaimResult run(ClaimContext context);
}
