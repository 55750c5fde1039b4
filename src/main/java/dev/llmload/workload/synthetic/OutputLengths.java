package dev.llmload.workload.synthetic;

import dev.llmload.config.TokenLength;
import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.Preparation;
import dev.llmload.workload.RequestSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code llm.request.synthetic.outputTokens}: the requests of another source, each with its own drawn output length as
 * its {@code max_tokens} (sent with {@code ignore_eos}, and {@code min_tokens} unless switched off). Seeded by {@code
 * llm.workload.seed}, independently of the input lengths. Thread-safe.
 */
public final class OutputLengths implements RequestSource {

  private final RequestSource source;
  private final TokenLength output;
  private final long seed;
  private final AtomicLong counter = new AtomicLong();

  public OutputLengths(RequestSource source, TokenLength output, long seed) {
    this.source = source;
    this.output = output;
    this.seed = seed;
  }

  @Override
  public void prepare(Preparation preparation) {
    source.prepare(preparation);
  }

  @Override
  public PlannedRequest next(LoadLevel level) {
    return source.next(level).withMaxTokens(output.draw(Draws.random(seed, Draws.OUTPUT, counter.incrementAndGet())));
  }
}
