/**
 * Token counts that are true: a {@link dev.llmload.tokens.TokenCounter} backed by the server's own tokenizer
 * ({@code POST /tokenize}, vLLM's and llama.cpp's shapes) or, when it has none, an estimate (jtokkit), chosen once
 * before any load by {@link dev.llmload.tokens.TokenCounters}. Used to compose prompts of a requested length; never on
 * the event loop.
 */
package dev.llmload.tokens;
