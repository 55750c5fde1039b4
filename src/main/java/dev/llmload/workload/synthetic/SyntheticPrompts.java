package dev.llmload.workload.synthetic;

import dev.llmload.config.Api;
import dev.llmload.config.ConfigException;
import dev.llmload.config.SyntheticText;
import dev.llmload.config.TokenLength;
import dev.llmload.openai.TargetException;
import dev.llmload.tokens.TokenCounter;
import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.Preparation;
import dev.llmload.workload.RequestSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Synthetic prompts ({@code llm.request.synthetic.inputTokens}): every request draws its input length and gets a
 * prompt of words composed to it, labelled {@code synthetic=<the length's form>}.
 *
 * <p>The requested length is what the server should count in {@code usage.prompt_tokens}: the prompt as the model reads
 * it, chat template and special tokens included. When the run's token counter knows the template (the server's own
 * tokenizer: vLLM's {@code /tokenize} of messages, llama.cpp's {@code /apply-template}), its tokens are measured once
 * and the text made that much shorter; an estimate knows no template, so the text is the whole length and the server
 * will count the template on top (the summary says so, and the requested-vs-received check shows it).
 *
 * <p>Prepared once before any load ({@link #prepare}): the word list calibrated against the counter, the template
 * measured, and a few sample prompts counted whole against their targets; the result goes to the console and the
 * summary. {@link #next} only draws and composes (no counting), fast enough for the event loop.
 *
 * <p>Unique by construction: each prompt starts with its own unique start (see {@link PromptComposer}), counted in its
 * length, so the hex tag of {@code llm.request.uniquePrompts} is not added. With {@code uniquePrompts = false} every
 * prompt is drawn from one fixed stream of words instead, so requests share their text up to the shorter one's
 * length: a cache-hit workload, on purpose.
 */
public final class SyntheticPrompts implements RequestSource {

  /** At most this many counts calibrate the words. */
  public static final int CALIBRATION_BUDGET = 256;
  /** Sample prompts counted whole after calibration. */
  static final int SAMPLES = 3;
  /** Sample lengths above this are counted at this length (a huge prompt would only slow the check). */
  static final int SAMPLE_LIMIT = 16_384;
  /** Tokens of the short text the template is measured with. */
  private static final int TEMPLATE_PROBE_TOKENS = 16;

  private final TokenLength input;
  private final SyntheticText text;
  private final boolean unique;
  private final long seed;
  private final Map<String, String> labels;
  private final AtomicLong counter = new AtomicLong();
  private volatile Prepared prepared;

  /** What preparation found: how to compose, and the template's tokens taken off each text. */
  private record Prepared(PromptComposer composer, int templateTokens) {}

  /**
   * @param input each request's input length ({@code usage.prompt_tokens})
   * @param unique every prompt has its own unique start ({@code llm.request.uniquePrompts})
   * @param seed {@code llm.workload.seed}
   */
  public SyntheticPrompts(TokenLength input, boolean unique, long seed) {
    this(input, SyntheticText.WORDS, unique, seed);
  }

  /** @param text what the prompts are made of ({@code llm.request.synthetic.text}) */
  public SyntheticPrompts(TokenLength input, SyntheticText text, boolean unique, long seed) {
    this.input = input;
    this.text = text;
    this.unique = unique;
    this.seed = seed;
    this.labels = text == SyntheticText.WORDS ? Map.of("synthetic", input.describe())
        : Map.of("synthetic", input.describe(), "text", text.configName());
  }

  @Override
  public void prepare(Preparation preparation) {
    TokenCounter tokens = preparation.tokenCounter();
    Vocabulary vocabulary;
    try {
      vocabulary = Vocabulary.calibrate(tokens, Vocabulary.shippedWords(), CALIBRATION_BUDGET);
    } catch (IllegalStateException e) {
      throw new TargetException("Synthetic prompts cannot be composed: " + e.getMessage() + "; set llm.request.tokenizer = estimate.");
    }
    preparation.calibrated(vocabulary.describe());
    if (text == SyntheticText.RANDOM_TOKENS) {
      Optional<RandomTokenText.Fragments> fragments = RandomTokenText.fragments(tokens, vocabulary.words(), seed, preparation::calibrated);
      if (fragments.isPresent()) {
        vocabulary = vocabulary.withBody(fragments.get().pieces(), fragments.get().costs(), fragments.get().calls());
        preparation.calibrated(fragments.get().line());
      }
    }
    PromptComposer composer = new PromptComposer(vocabulary, Draws.mix(seed));
    Api api = preparation.api();
    String probe = composer.compose(TEMPLATE_PROBE_TOKENS, -1, new SplittableRandom(seed));
    OptionalInt whole = tokens.promptTokens(api, probe);
    int template = whole.isPresent() ? Math.max(0, whole.getAsInt() - tokens.count(probe)) : 0;
    preparation.calibrated(whole.isPresent()
        ? what(api) + ": " + template + " tokens, counted by the tokenizer and taken off each synthetic text"
        : what(api) + ": not known to the estimate, so not counted: the server counts its tokens on top of each requested length");
    int least = template + (unique ? composer.tagTokens() : 1);
    if (input.min() < least) {
      throw ConfigException.invalid("llm.request.synthetic.inputTokens", input.describe(), "every synthetic prompt takes at least " + least
          + " tokens on this target (" + template + " of the " + what(api) + (unique ? " and " + composer.tagTokens() + " of its unique start"
          : " and 1 word") + "); the shortest length drawn must be at least that");
    }
    Prepared p = new Prepared(composer, template);
    preparation.calibrated(check(p, tokens, api));
    prepared = p;
  }

  private static String what(Api api) {
    return api == Api.CHAT ? "chat template" : "prompt's special tokens";
  }

  /** Composes {@link #SAMPLES} prompts of drawn lengths and counts them whole: the line that says how true they are. */
  private String check(Prepared p, TokenCounter tokens, Api api) {
    SplittableRandom draws = Draws.random(seed, Draws.SAMPLES, 0);
    List<String> asked = new ArrayList<>();
    List<String> counted = new ArrayList<>();
    double worst = 0;
    for (int i = 0; i < SAMPLES; i++) {
      int length = Math.min(input.draw(draws), Math.max(SAMPLE_LIMIT, input.min()));
      String text = compose(p, length, unique ? (1L << PromptComposer.TAG_BITS) - 1 - i : -1, draws);
      OptionalInt whole = tokens.promptTokens(api, text);
      int n = whole.isPresent() ? whole.getAsInt() : tokens.count(text) + p.templateTokens();
      asked.add(Integer.toString(length));
      counted.add(Integer.toString(n));
      worst = Math.max(worst, Math.abs(n - length) / (double) length);
    }
    return String.format(Locale.ROOT, "synthetic prompt check: %d samples asked for %s tokens, counted %s%s", SAMPLES, String.join(", ", asked),
        String.join(", ", counted), worst == 0 ? " (exact)" : String.format(Locale.ROOT, " (off by up to %.1f %%)", worst * 100));
  }

  private String compose(Prepared p, int length, long tag, SplittableRandom random) {
    return p.composer().compose(length - p.templateTokens(), tag, unique ? random : new SplittableRandom(seed));
  }

  @Override
  public PlannedRequest next(LoadLevel level) {
    Prepared p = prepared;
    if (p == null) {
      throw new IllegalStateException("synthetic prompts were not prepared: RequestSource.prepare must run before any load");
    }
    long n = counter.incrementAndGet();
    SplittableRandom random = Draws.random(seed, Draws.INPUT, n);
    int length = input.draw(random);
    return new PlannedRequest(compose(p, length, unique ? n : -1, random), labels).withInputTokens(length);
  }
}
