package dev.llmload.server.engine;

import java.util.concurrent.Executor;

/** Where a sequence's tokens go: in the server, the HTTP exchange that streams them on its channel's event loop. */
public interface TokenSink {

  /** The executor {@link #onTokens} runs on (the channel's event loop); steps batch their calls per executor. */
  Executor executor();

  /**
   * The sequence has produced tokens. Runs on {@link #executor()}.
   *
   * @param generatedTokens tokens generated so far in total (grows by one per step)
   * @param finished true once the sequence has produced its last token
   * @param scheduledNanos {@code System.nanoTime()} at which the step was scheduled to end: the ideal write time
   */
  void onTokens(int generatedTokens, boolean finished, long scheduledNanos);
}
