/**
 * Telemetry taken while a run goes: the server's Prometheus {@code /metrics} parsed ({@link
 * dev.llmload.telemetry.PrometheusText}), normalised across vLLM, SGLang, TGI and llama.cpp ({@link
 * dev.llmload.telemetry.ServerMetricsNormalizer}), scraped on a thread of its own ({@link
 * dev.llmload.telemetry.MetricsScraper}) and written as JSON lines ({@link dev.llmload.telemetry.TelemetryLog}).
 */
package dev.llmload.telemetry;
