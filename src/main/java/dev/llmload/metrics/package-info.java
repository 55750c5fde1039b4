/**
 * Metrics: one {@link dev.llmload.metrics.RequestRecord} per request holding raw times only, pure functions that
 * derive TTFT / ITL / TPOT / E2E / token counts from it, and per-level aggregation into HdrHistograms.
 */
package dev.llmload.metrics;
