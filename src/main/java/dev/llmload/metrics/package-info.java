/**
 * Metrics: one {@link dev.llmload.metrics.RequestRecord} per request holding raw times only, pure functions that
 * derive TTFT / ITL / TPOT / E2E / token counts from it, and per-level aggregation into HdrHistograms; what each metric
 * means ({@link dev.llmload.metrics.MetricDefinition}) and why a request failed ({@link dev.llmload.metrics.FailureKind}).
 */
package dev.llmload.metrics;
