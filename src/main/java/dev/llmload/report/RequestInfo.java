package dev.llmload.report;

/** The request shape of a run, as written to {@code summary.json}. */
public record RequestInfo(int maxTokens, boolean ignoreEos, int promptChars) {}
