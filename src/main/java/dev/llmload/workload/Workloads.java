package dev.llmload.workload;

import dev.llmload.config.ConfigException;
import dev.llmload.config.ConversationSettings;
import dev.llmload.config.LlmSettings;
import dev.llmload.config.RequestSettings;
import dev.llmload.config.WorkloadSettings;
import dev.llmload.workload.conversations.Conversations;
import dev.llmload.workload.datasets.DatasetSource;
import dev.llmload.workload.datasets.Datasets;
import dev.llmload.workload.synthetic.OutputLengths;
import dev.llmload.workload.synthetic.SharedPrefix;
import dev.llmload.workload.synthetic.SyntheticPrompts;
import java.util.List;

/** The workloads the shipped simulations run, built from the settings. One method per simulation. */
public final class Workloads {

  private Workloads() {}

  /** {@code ConcurrencySweep}: a closed level per {@code llm.sweep.levels}. */
  public static Workload concurrencySweep(LlmSettings s) {
    return closed("concurrency sweep", LevelSchedule.concurrencySweep(s.sweep()), s, 0);
  }

  /**
   * {@code ConstantConcurrency}: {@code llm.workload.concurrency} users for {@code llm.workload.duration}, or until
   * {@code llm.workload.requests} requests have started (warm-up included).
   */
  public static Workload constantConcurrency(LlmSettings s) {
    WorkloadSettings w = s.workload();
    return closed("constant concurrency",
        new LevelSchedule(List.of(LoadLevel.concurrency(0, w.concurrency(), w.warmup(), w.duration()))), s,
        w.requests());
  }

  /**
   * {@code ConstantRate}: {@code llm.workload.rate} requests per second, arriving as {@code llm.workload.arrivals}
   * draws, for {@code llm.workload.duration} or {@code llm.workload.requests}.
   */
  public static Workload constantRate(LlmSettings s) {
    refuseConversations(s, "ConstantRate starts single requests at a rate");
    WorkloadSettings w = s.workload();
    Arrivals arrivals = new Arrivals(w.arrivals().equals("uniform") ? Arrivals.Process.UNIFORM : Arrivals.Process.POISSON, w.burstiness(),
        w.seed());
    java.time.Duration measured = w.duration();
    if (w.requests() > 0) {
      // a request count: the level lasts until its last arrival (warm-up arrivals included in the count)
      long[] offsets = arrivals.offsetsNanos(0, w.rate(), Long.MAX_VALUE, w.requests());
      long totalSeconds = offsets[offsets.length - 1] / 1_000_000_000L + 1;
      measured = java.time.Duration.ofSeconds(Math.max(1, totalSeconds - w.warmup().toSeconds()));
    }
    return new Workload.Open("constant rate", new LevelSchedule(List.of(LoadLevel.rate(0, w.rate(), w.warmup(), measured))), arrivals,
        w.maxInFlight(), w.requests(), prompts(s));
  }

  /**
   * {@code RateSweep}: with {@code llm.rateSweep.rates} an open level per rate; without, a synchronous phase (one
   * user), a throughput phase ({@code throughputConcurrency} users), then {@code steps} rates evenly between the two
   * measured rates. Arrivals as {@code llm.workload.arrivals} draws, capped by {@code llm.workload.maxInFlight}.
   */
  public static Workload rateSweep(LlmSettings s) {
    refuseConversations(s, "RateSweep starts single requests at rates");
    dev.llmload.config.RateSweepSettings r = s.rateSweep();
    WorkloadSettings w = s.workload();
    Arrivals arrivals = new Arrivals(w.arrivals().equals("uniform") ? Arrivals.Process.UNIFORM : Arrivals.Process.POISSON, w.burstiness(),
        w.seed());
    RequestSource requests = prompts(s);
    if (!r.rates().isEmpty()) {
      List<LoadLevel> levels = new java.util.ArrayList<>();
      for (double rate : r.rates()) {
        levels.add(LoadLevel.rate(levels.size(), rate, r.warmup(), r.levelDuration()));
      }
      return new Workload.Open("rate sweep", new LevelSchedule(levels), arrivals, w.maxInFlight(), 0, requests);
    }
    LevelSchedule measuring = new LevelSchedule(List.of(
        LoadLevel.step(0, "synchronous", 1, r.warmup(), r.phaseDuration()),
        LoadLevel.step(1, "throughput", r.throughputConcurrency(), r.warmup(), r.phaseDuration())));
    return new Workload.RateSweep("rate sweep", measuring, r.steps(), r.warmup(), r.levelDuration(), arrivals, w.maxInFlight(), requests);
  }

  /**
   * {@code Probe}: one user, one request at a time, for each prompt size of {@code llm.probe.steps} in turn: a step
   * level per size, each request labelled with its {@code step}.
   */
  public static Workload probe(LlmSettings s) {
    refuseConversations(s, "Probe sends its prompt sizes one request at a time");
    java.util.Map<String, String> prompts = s.probe().readPrompts();
    List<LoadLevel> levels = new java.util.ArrayList<>();
    java.util.Map<String, RequestSource.PlannedRequest> requests = new java.util.HashMap<>();
    for (String step : s.probe().steps()) {
      levels.add(LoadLevel.step(levels.size(), step, 1, s.probe().warmup(), s.probe().stepDuration()));
      requests.put(step, new RequestSource.PlannedRequest(prompts.get(step), java.util.Map.of("step", step)));
    }
    RequestSource byStep = level -> requests.get(level.label());
    return new Workload.Closed("probe", new LevelSchedule(levels), s.request().uniquePrompts() ? RequestSource.unique(byStep, s.workload().seed())
        : byStep);
  }

  /**
   * A closed workload: single requests from the prompts, or with {@code llm.request.conversation.turns} whole
   * conversations, whose openings are then the workload's requests.
   */
  private static Workload.Closed closed(String scenario, LevelSchedule schedule, LlmSettings s, long maxRequests) {
    java.util.Optional<Conversations> conversations = conversations(s);
    return new Workload.Closed(scenario, schedule, conversations.map(Conversations::openings).orElseGet(() -> prompts(s)), maxRequests,
        conversations);
  }

  /**
   * The conversations {@code llm.request.conversation} asks for, empty when {@code turns} is 0. Only a conversation's
   * first message is made unique (unless {@code llm.request.uniquePrompts} is false): its later turns repeat its own
   * prefix, as real chat does.
   */
  private static java.util.Optional<Conversations> conversations(LlmSettings s) {
    ConversationSettings c = s.request().conversation();
    if (!c.enabled()) {
      return java.util.Optional.empty();
    }
    if (c.turnsFrom() == ConversationSettings.TurnsFrom.DATASET) {
      RequestSettings.Dataset dataset = s.request().dataset().orElseThrow(() -> ConfigException.invalid("llm.request.conversation.turnsFrom",
          "dataset", "takes the conversations of a ShareGPT llm.request.dataset, and none is set; set one, or turnsFrom = prompts"));
      RequestSource scripts = new DatasetSource(Datasets.readConversations(dataset));
      return java.util.Optional.of(Conversations.ofScripts(unique(s, scripts), c.turns(), c.thinkTime()));
    }
    RequestSource followUps = prompts(s, false, false);
    RequestSource openings = prompts(s, s.request().uniquePrompts(), true);
    return java.util.Optional.of(Conversations.ofPrompts(preparingBoth(openings, followUps), followUps, c.turns(), c.thinkTime()));
  }

  /** {@code openings}, whose preparation prepares {@code followUps} too (the run prepares only the workload's requests). */
  private static RequestSource preparingBoth(RequestSource openings, RequestSource followUps) {
    return new RequestSource() {
      @Override
      public PlannedRequest next(LoadLevel level) {
        return openings.next(level);
      }

      @Override
      public void prepare(Preparation preparation) {
        openings.prepare(preparation);
        followUps.prepare(preparation);
      }
    };
  }

  /** Conversations run in closed workloads only: {@code why} the one asked for cannot, as one configuration error. */
  private static void refuseConversations(LlmSettings s, String why) {
    int turns = s.request().conversation().turns();
    if (turns > 0) {
      throw ConfigException.invalid("llm.request.conversation.turns", turns, "conversations run in ConcurrencySweep and "
          + "ConstantConcurrency, where each user keeps conversing, and " + why + "; set it to 0 or run one of those");
    }
  }

  private static RequestSource unique(LlmSettings s, RequestSource source) {
    return s.request().uniquePrompts() ? RequestSource.unique(source, s.workload().seed()) : source;
  }

  /**
   * Synthetic prompts of drawn lengths (unique by construction), or the configured dataset's records in turn (read
   * now, before any load), or the prompt set, or else the configured prompt - each request made unique unless {@code
   * llm.request.uniquePrompts} is false; behind a shared prefix when {@code llm.request.synthetic.prefixTokens} is set;
   * then each with its own drawn output length when {@code llm.request.synthetic.outputTokens} is set.
   */
  private static RequestSource prompts(LlmSettings s) {
    return prompts(s, s.request().uniquePrompts());
  }

  /** The same, made unique only when {@code unique}. */
  private static RequestSource prompts(LlmSettings s, boolean unique) {
    return prompts(s, unique, true);
  }

  /**
   * The same, behind the shared prefix only when {@code sharedPrefix}: a conversation's opening carries it (its unique
   * tag after it), its later user turns do not.
   */
  private static RequestSource prompts(LlmSettings s, boolean unique, boolean sharedPrefix) {
    RequestSettings.Synthetic synthetic = s.request().synthetic();
    long seed = s.workload().seed();
    RequestSource source;
    if (synthetic.inputTokens().isPresent()) {
      source = new SyntheticPrompts(synthetic.inputTokens().get(), synthetic.text(), unique, seed);
    } else {
      source = s.request().dataset()
          .<RequestSource>map(d -> new DatasetSource(Datasets.read(d)))
          .or(() -> s.request().promptSet().map(p -> new PromptSetSource(p.name(), p.text())))
          .orElseGet(() -> RequestSource.fixed(s.request().prompt()));
      source = unique ? RequestSource.unique(source, seed) : source;
    }
    if (sharedPrefix && synthetic.prefixTokens() > 0) {
      source = new SharedPrefix(source, synthetic.prefixTokens(), synthetic.prefixGroups(), seed);
    }
    return synthetic.outputTokens().isPresent() ? new OutputLengths(source, synthetic.outputTokens().get(), seed) : source;
  }
}
