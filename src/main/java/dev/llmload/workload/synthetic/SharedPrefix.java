package dev.llmload.workload.synthetic;

import dev.llmload.openai.TargetException;
import dev.llmload.tokens.TokenCounter;
import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.Preparation;
import dev.llmload.workload.RequestSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shared prefix ({@code llm.request.synthetic.prefixTokens}, {@code prefixGroups}) in front of every prompt of
 * {@code source}, for prefix-cache studies: {@code groups} different prefixes of exactly {@code tokens} tokens each
 * (words composed with the calibrated {@link Vocabulary}, one seeded stream per group), taken by the requests in turn;
 * each request's own text - with its unique start, when prompts are unique - follows its prefix after a space, so what
 * requests of one group share is exactly the prefix. A request's requested input length grows by the prefix's tokens;
 * it is labelled {@code prefixGroup=<1..groups>}. Prepared once before any load; {@link #next} only concatenates.
 */
public final class SharedPrefix implements RequestSource {

  private static final long PREFIX = 4;

  private final RequestSource source;
  private final int tokens;
  private final int groups;
  private final long seed;
  private final AtomicLong counter = new AtomicLong();
  private final List<Map<String, String>> groupLabels = new ArrayList<>();
  private volatile List<String> prefixes;

  /**
   * @param tokens each prefix's tokens, at least 1
   * @param groups how many different prefixes, at least 1
   */
  public SharedPrefix(RequestSource source, int tokens, int groups, long seed) {
    if (tokens < 1 || groups < 1) {
      throw new IllegalArgumentException("tokens and groups must be at least 1, were " + tokens + " and " + groups);
    }
    this.source = source;
    this.tokens = tokens;
    this.groups = groups;
    this.seed = seed;
    for (int g = 1; g <= groups; g++) {
      groupLabels.add(Map.of("prefixGroup", Integer.toString(g)));
    }
  }

  @Override
  public void prepare(Preparation preparation) {
    source.prepare(preparation);
    TokenCounter counter = preparation.tokenCounter();
    Vocabulary vocabulary;
    try {
      vocabulary = Vocabulary.calibrate(counter, Vocabulary.shippedWords(), SyntheticPrompts.CALIBRATION_BUDGET);
    } catch (IllegalStateException e) {
      throw new TargetException("The shared prefix cannot be composed: " + e.getMessage() + "; set llm.request.tokenizer = estimate.");
    }
    PromptComposer composer = new PromptComposer(vocabulary, Draws.mix(seed));
    List<String> made = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      made.add(composer.compose(tokens, -1, Draws.random(seed, PREFIX, g)));
    }
    int counted = counter.count(made.get(0));
    preparation.calibrated(String.format(Locale.ROOT, "shared prefix: %d group%s of %d tokens (the first counted %d by %s)", groups,
        groups == 1 ? "" : "s", tokens, counted, counter.source()));
    prefixes = List.copyOf(made);
  }

  @Override
  public PlannedRequest next(LoadLevel level) {
    List<String> p = prefixes;
    if (p == null) {
      throw new IllegalStateException("the shared prefix was not prepared: RequestSource.prepare must run before any load");
    }
    PlannedRequest r = source.next(level);
    int g = (int) Math.floorMod(counter.getAndIncrement(), (long) groups);
    Map<String, String> labels = new HashMap<>(r.labels());
    labels.putAll(groupLabels.get(g));
    PlannedRequest prefixed = r.tagged(p.get(g) + " ");
    return new PlannedRequest(prefixed.prompt(), labels, prefixed.messages(), r.inputTokens() < 0 ? -1 : r.inputTokens() + tokens,
        r.maxTokens());
  }
}
