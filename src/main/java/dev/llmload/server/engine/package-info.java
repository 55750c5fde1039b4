/**
 * The continuous-batching engine model of the simulated server: a pure, single-threaded {@link
 * dev.llmload.server.engine.BatchEngine} that turns waiting and running sequences into timed steps (with a {@link
 * dev.llmload.server.engine.PrefixCache} of prompt blocks whose prefill it skips), and the one
 * {@link dev.llmload.server.engine.EngineLoop} thread that plays those steps against the real clock.
 */
package dev.llmload.server.engine;
