package dev.llmload.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The client's HTTP connections.
 *
 * @param keepAliveIdle a pooled (kept-alive) connection idle longer than this is closed by the client and never
 *     reused; servers close idle connections themselves (uvicorn and llama.cpp after 5 s, nginx 75 s), and staying
 *     below that avoids writing a request onto a connection the server is closing. At least {@link #MIN_KEEP_ALIVE_IDLE}.
 * @param realtimeEventLoops run Gatling's event loops at real-time priority (Linux, root or CAP_SYS_NICE), so that a
 *     chunk is stamped as soon as it arrives even when other threads of the client share its core
 */
public record HttpSettings(Duration keepAliveIdle, boolean realtimeEventLoops) {

  public static final Duration MIN_KEEP_ALIVE_IDLE = Duration.ofSeconds(1);

  public HttpSettings {
    Objects.requireNonNull(keepAliveIdle, "keepAliveIdle");
    if (keepAliveIdle.compareTo(MIN_KEEP_ALIVE_IDLE) < 0) {
      throw ConfigException.invalid("llm.http.keepAliveIdle", keepAliveIdle, "must be at least 1s");
    }
  }

  /** Normal-priority event loops. */
  public HttpSettings(Duration keepAliveIdle) {
    this(keepAliveIdle, false);
  }
}
