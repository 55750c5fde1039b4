/**
 * The targets command: one simulation run against each of {@code llm.targets} in turn, each in a JVM of its own
 * exactly as {@code mvn gatling:test} would run it (its own run folder, its own Gatling report), then the comparison of
 * the runs ({@link dev.llmload.compare}). A target that cannot be run is reported as failed and the others still run.
 */
package dev.llmload.targets;
