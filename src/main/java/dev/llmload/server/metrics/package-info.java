/** The server's Prometheus metrics under vLLM's names, recorded lock-free and rendered at {@code GET /metrics}. */
package dev.llmload.server.metrics;
