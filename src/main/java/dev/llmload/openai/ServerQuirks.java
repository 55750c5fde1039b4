package dev.llmload.openai;

/**
 * How the target streams, learnt from one short probe request before the load, and written to the summary so
 * readers know how far to trust token counts and TTFT.
 *
 * @param roleOnlyFirstChunk the stream opens with a chunk carrying only the role (vLLM, llama.cpp); TTFT skips it
 * @param usageSent the server honours {@code stream_options.include_usage}; if not, tokens are counted as chunks
 * @param contentChunks content chunks of the probe
 * @param completionTokens {@code usage.completion_tokens} of the probe, -1 without usage
 * @param tokensPerChunk completion tokens per content chunk (1.0 for vLLM), null without usage
 * @param honoursMaxTokens the probe stopped at {@code max_tokens} (null when it stopped earlier for another reason)
 * @param honoursIgnoreEos the probe produced exactly {@code max_tokens} with {@code ignore_eos}; null when unknown
 * @param finishReason the probe's finish reason
 */
public record ServerQuirks(
    boolean roleOnlyFirstChunk,
    boolean usageSent,
    int contentChunks,
    int completionTokens,
    Double tokensPerChunk,
    Boolean honoursMaxTokens,
    Boolean honoursIgnoreEos,
    String finishReason) {}
