package dev.llmload.report;

/**
 * The request shape of a run, as written to {@code summary.json}.
 *
 * @param uniquePrompts every prompt started with its own tag (no prefix-cache hits between requests); false: the
 *     same text every time
 */
public record RequestInfo(int maxTokens, boolean ignoreEos, int promptChars, boolean uniquePrompts) {}
