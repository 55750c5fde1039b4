package dev.llmload.report;

/**
 * What was measured, as written to {@code summary.json}.
 *
 * @param serverPreset the simulated server's preset when {@code embedded}, else null
 */
public record TargetInfo(String baseUrl, String model, String api, boolean embedded, String serverPreset) {}
