/**
 * The embedded simulated LLM server: an OpenAI-compatible HTTP API on Netty in front of a continuous-batching engine
 * model, with fault injection and per-request ground truth, so the suite runs and is tested without a GPU. This
 * package starts and configures it ({@link dev.llmload.server.SimulatedServer#start}, {@link
 * dev.llmload.server.ServerSettings}, the presets, TLS); {@link dev.llmload.server.SimulatorMain} runs it on its own.
 */
package dev.llmload.server;
