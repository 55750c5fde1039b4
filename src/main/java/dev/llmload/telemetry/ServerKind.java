package dev.llmload.telemetry;

import java.util.Collection;

/**
 * Which inference server answered {@code /metrics}, told by the prefix of its metric names: {@code vllm:},
 * {@code sglang:}, {@code tgi_}, {@code llamacpp:}. The simulated server offers vLLM's names, so it is {@link #VLLM}.
 */
public enum ServerKind {
  VLLM("vllm", "vLLM", "vllm:"),
  SGLANG("sglang", "SGLang", "sglang:"),
  TGI("tgi", "TGI", "tgi_"),
  LLAMA_CPP("llamacpp", "llama.cpp", "llamacpp:"),
  /** None of the known prefixes: the body is Prometheus text, but from no server this tool knows. */
  UNKNOWN("unknown", "an unknown server", "");

  private final String id;
  private final String displayName;
  private final String prefix;

  ServerKind(String id, String displayName, String prefix) {
    this.id = id;
    this.displayName = displayName;
    this.prefix = prefix;
  }

  /** Lower-case identifier for files ({@code "vllm"}, {@code "llamacpp"}...). */
  public String id() {
    return id;
  }

  /** The server's name as people write it ({@code "vLLM"}, {@code "llama.cpp"}...). */
  public String displayName() {
    return displayName;
  }

  /** The prefix its metric names carry; empty for {@link #UNKNOWN}. */
  public String prefix() {
    return prefix;
  }

  /** The kind whose prefix most names carry; {@link #UNKNOWN} when none does. */
  public static ServerKind detect(Collection<PromSample> samples) {
    ServerKind best = UNKNOWN;
    long bestCount = 0;
    for (ServerKind kind : values()) {
      if (kind == UNKNOWN) {
        continue;
      }
      long count = samples.stream().filter(s -> s.name().startsWith(kind.prefix)).count();
      if (count > bestCount) {
        best = kind;
        bestCount = count;
      }
    }
    return best;
  }
}
