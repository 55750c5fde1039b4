package dev.llmload.telemetry;

import com.fasterxml.jackson.annotation.JsonValue;

/** What saturated first in a run, as {@link KneeExplanation} reads it from the data ({@code telemetry.knee.bottleneck}). */
public enum Bottleneck {
  /** Requests wait in the server while the batch stays at its limit. */
  BATCH_LIMIT("batch-limit"),
  /** The KV cache is full: requests are preempted or wait while the batch has room. */
  KV_CACHE("kv-cache"),
  /** The load generator ran out of CPU or its event loops fell behind: those levels measure the client. */
  CLIENT("client"),
  /** Nothing saturated in the levels run: the server had room at the highest load. */
  NONE("none"),
  /** The server offered no metrics to tell (and the client was not the limit). */
  UNKNOWN("unknown");

  private final String wireName;

  Bottleneck(String wireName) {
    this.wireName = wireName;
  }

  /** The name in {@code summary.json}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }
}
