/**
 * Comparison of runs (models, servers, settings): each run folder's {@code summary.json} read into
 * {@link dev.llmload.compare.ComparedRun}, levels matched across runs, a verdict per question computed by pure
 * functions ({@link dev.llmload.compare.Verdicts}), and {@code compare-<time>/} written with {@code comparison.json} and
 * an offline {@code index.html} ({@link dev.llmload.compare.CompareRuns} is the command).
 */
package dev.llmload.compare;
