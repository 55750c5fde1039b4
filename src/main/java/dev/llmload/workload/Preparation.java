package dev.llmload.workload;

import dev.llmload.config.Api;
import dev.llmload.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a {@link RequestSource} may learn once the target is known, before any load ({@link RequestSource#prepare}):
 * the API and model requests go to, and the run's {@link TokenCounter}, chosen on first use - so a run whose sources
 * never ask for token counts never asks the server's tokenizer. Sources report their calibration here; it is printed
 * and kept in the summary. Used from the one thread that starts the run.
 */
public final class Preparation {

  private final Api api;
  private final String model;
  private final Supplier<TokenCounter> chooser;
  private final Consumer<String> console;
  private final List<String> calibration = new ArrayList<>();
  private TokenCounter counter;

  /**
   * @param chooser chooses the counter (it may ask the server and says on the console which it uses); called at most
   *     once
   * @param console where calibration results are printed
   */
  public Preparation(Api api, String model, Supplier<TokenCounter> chooser, Consumer<String> console) {
    this.api = Objects.requireNonNull(api, "api");
    this.model = Objects.requireNonNull(model, "model");
    this.chooser = Objects.requireNonNull(chooser, "chooser");
    this.console = Objects.requireNonNull(console, "console");
  }

  /** A preparation for tests and tools: {@code counter} counts, calibration lines go nowhere. */
  public static Preparation with(Api api, String model, TokenCounter counter) {
    return new Preparation(api, model, () -> counter, line -> {});
  }

  public Api api() {
    return api;
  }

  public String model() {
    return model;
  }

  /** The run's token counter: chosen on the first call, the same one after. */
  public synchronized TokenCounter tokenCounter() {
    if (counter == null) {
      counter = Objects.requireNonNull(chooser.get(), "chosen counter");
    }
    return counter;
  }

  /** The token counter when a source asked for it, else empty (and none is chosen). */
  public synchronized Optional<TokenCounter> tokenCounterIfChosen() {
    return Optional.ofNullable(counter);
  }

  /** Records one line of calibration (what was measured, how close the samples came): printed now, kept in the summary. */
  public synchronized void calibrated(String line) {
    calibration.add(line);
    console.accept(line);
  }

  /** The calibration lines, in order. */
  public synchronized List<String> calibration() {
    return List.copyOf(calibration);
  }
}
