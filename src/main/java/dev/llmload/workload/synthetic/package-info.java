/**
 * Synthetic prompts ({@code llm.request.synthetic}): a word list of our own, calibrated once against the run's token
 * counter so that every word's cost is known, composed per request into a prompt of exactly the drawn input length
 * (unique from its first words on), and drawn output lengths sent as each request's {@code max_tokens}.
 */
package dev.llmload.workload.synthetic;
