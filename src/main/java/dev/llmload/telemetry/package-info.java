/**
 * Telemetry taken while a run goes and what it explains: the server's Prometheus {@code /metrics} parsed ({@link
 * dev.llmload.telemetry.PrometheusText}), normalised across vLLM, SGLang, TGI and llama.cpp ({@link
 * dev.llmload.telemetry.ServerMetricsNormalizer}), scraped on a thread of its own ({@link
 * dev.llmload.telemetry.MetricsScraper}) and written as JSON lines ({@link dev.llmload.telemetry.TelemetryLog}); a run's
 * readers together ({@link dev.llmload.telemetry.RunTelemetry}), per-level figures and the sentence that explains the
 * knee ({@link dev.llmload.telemetry.KneeExplanation}).
 */
package dev.llmload.telemetry;
