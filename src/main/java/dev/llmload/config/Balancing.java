package dev.llmload.config;


/** How each request picks one of several base URLs of one model ({@code llm.target.balancing}). */
public enum Balancing {
  /** The replicas in turn: request n goes to replica n mod N. */
  ROUND_ROBIN("round-robin"),
  /** The replica with the fewest requests in flight at send time; ties are broken in turn. */
  LEAST_OUTSTANDING("least-outstanding");

  private final String configName;

  Balancing(String configName) {
    this.configName = configName;
  }

  /** The name in the configuration and in {@code summary.json}, e.g. {@code round-robin}. */
  public String configName() {
    return configName;
  }

  public static Balancing parse(String key, String value) {
    return ConfigNames.parse(key, value, values(), Balancing::configName);
  }
}
