package dev.llmload.report;

import java.util.List;

/**
 * The request shape of a run, as written to {@code summary.json}.
 *
 * @param uniquePrompts every prompt started with its own tag (no prefix-cache hits between requests); false: the
 *     same text every time
 * @param tokenCounter where token counts came from when lengths were asked for (the server's tokenizer or the
 *     estimate, and why); null when no length was asked for
 * @param calibration what was measured before the load to meet the requested lengths (template tokens, word costs,
 *     sample prompts counted against their targets), one line each; empty when nothing was
 * @param lengths the lengths asked for, e.g. {@code promptSet large} or {@code synthetic input uniform(256, 1024),
 *     output 128}; null when none
 */
public record RequestInfo(int maxTokens, boolean ignoreEos, int promptChars, boolean uniquePrompts, String tokenCounter,
    List<String> calibration, String lengths) {

  public RequestInfo {
    calibration = calibration == null ? List.of() : List.copyOf(calibration); // null: run.json written before the field
  }

  /** No length asked for. */
  public RequestInfo(int maxTokens, boolean ignoreEos, int promptChars, boolean uniquePrompts) {
    this(maxTokens, ignoreEos, promptChars, uniquePrompts, null, List.of(), null);
  }
}
