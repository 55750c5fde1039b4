package dev.llmload.report;

import java.util.List;

/**
 * What was measured, as written to {@code summary.json}.
 *
 * @param baseUrl the base URL; with several replicas, the first of {@code baseUrls}
 * @param serverPreset the simulated server's preset when {@code embedded}, else null
 * @param baseUrls every base URL requests went to (replicas of the model), in order; {@code [baseUrl]} for one
 * @param balancing how requests were spread over several {@code baseUrls} ({@code round-robin}, {@code
 *     least-outstanding}); null with one base URL
 * @param name the target's name ({@code llm.target.name}), which names the run in comparisons; null when not named
 */
public record TargetInfo(String baseUrl, String model, String api, boolean embedded, String serverPreset, List<String> baseUrls,
    String balancing, String name) {

  /** A target without a name. */
  public TargetInfo(String baseUrl, String model, String api, boolean embedded, String serverPreset, List<String> baseUrls,
      String balancing) {
    this(baseUrl, model, api, embedded, serverPreset, baseUrls, balancing, null);
  }

  /** A target of one base URL. */
  public TargetInfo(String baseUrl, String model, String api, boolean embedded, String serverPreset) {
    this(baseUrl, model, api, embedded, serverPreset, null, null);
  }

  public TargetInfo {
    // a run.json written before replicas existed has no baseUrls: its one base URL
    baseUrls = baseUrls == null ? baseUrl == null ? List.of() : List.of(baseUrl) : List.copyOf(baseUrls);
  }

  /** The base URL, or every replica's and how requests were spread over them: for people, in reports. */
  public String where() {
    return !severalEndpoints() ? baseUrl
        : String.join(", ", baseUrls) + " (" + baseUrls.size() + " replicas, " + (balancing == null ? "round-robin" : balancing) + ")";
  }

  /** True when requests were spread over several base URLs: the reports then break every metric down per endpoint. */
  public boolean severalEndpoints() {
    return baseUrls.size() > 1;
  }
}
