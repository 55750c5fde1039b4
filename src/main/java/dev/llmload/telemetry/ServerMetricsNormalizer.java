package dev.llmload.telemetry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the samples of one {@code /metrics} scrape into a {@link ServerSnapshot}, whichever server answered. A pure
 * function of the samples. The names come from each server's documentation; a field a server does not offer stays
 * {@code null}. A counter is read under its name with {@code _total} and, failing that, without (the Prometheus
 * client of older vLLM releases rendered some without). Values are summed over label sets (several engines, data
 * parallel ranks, cache sources), except the KV-cache fraction, which takes the largest.
 *
 * <table>
 *   <caption>Names read per server</caption>
 *   <tr><th>field</th><th>vLLM</th><th>SGLang</th><th>TGI</th><th>llama.cpp</th></tr>
 *   <tr><td>running</td><td>{@code vllm:num_requests_running}</td><td>{@code sglang:num_running_reqs}</td>
 *       <td>{@code tgi_batch_current_size}</td><td>{@code llamacpp:requests_processing}</td></tr>
 *   <tr><td>waiting</td><td>{@code vllm:num_requests_waiting}</td><td>{@code sglang:num_queue_reqs}</td>
 *       <td>{@code tgi_queue_size}</td><td>{@code llamacpp:requests_deferred}</td></tr>
 *   <tr><td>kvCacheUsage</td><td>{@code vllm:kv_cache_usage_perc}, else the older {@code vllm:gpu_cache_usage_perc}
 *       </td><td>{@code sglang:token_usage}</td><td>none</td><td>{@code llamacpp:kv_cache_usage_ratio} (dropped by
 *       recent builds)</td></tr>
 *   <tr><td>preemptionsTotal</td><td>{@code vllm:num_preemptions(_total)}</td>
 *       <td>{@code sglang:num_retracted_requests_total}</td><td>none</td><td>none</td></tr>
 *   <tr><td>prefixCacheHitsTotal</td><td>{@code vllm:prefix_cache_hits(_total)}, tokens</td>
 *       <td>{@code sglang:cached_tokens_total}, tokens, all cache sources</td><td>none</td><td>none</td></tr>
 *   <tr><td>prefixCacheQueriesTotal</td><td>{@code vllm:prefix_cache_queries(_total)}, tokens</td><td>none (its
 *       {@code sglang:cache_hit_rate} is a gauge, not a counter)</td><td>none</td><td>none</td></tr>
 *   <tr><td>serverTtft (sum, count)</td><td>{@code vllm:time_to_first_token_seconds_sum/_count}</td>
 *       <td>{@code sglang:time_to_first_token_seconds_sum/_count}</td><td>none (no TTFT metric)</td>
 *       <td>none</td></tr>
 *   <tr><td>queue (sum, count)</td><td>{@code vllm:request_queue_time_seconds_sum/_count}</td>
 *       <td>{@code sglang:queue_time_seconds_sum/_count}</td><td>{@code tgi_request_queue_duration_sum/_count}</td>
 *       <td>none</td></tr>
 *   <tr><td>promptTokensTotal</td><td>{@code vllm:prompt_tokens(_total)}</td><td>{@code sglang:prompt_tokens_total}
 *       </td><td>{@code tgi_request_input_length_sum} (finished requests)</td>
 *       <td>{@code llamacpp:prompt_tokens_total}</td></tr>
 *   <tr><td>generationTokensTotal</td><td>{@code vllm:generation_tokens(_total)}</td>
 *       <td>{@code sglang:generation_tokens_total}</td><td>{@code tgi_request_generated_tokens_sum} (finished
 *       requests)</td><td>{@code llamacpp:tokens_predicted_total}</td></tr>
 * </table>
 *
 * <p>TGI's {@code tgi_batch_current_max_tokens} is a token budget, not a usage fraction, so it is not read as KV
 * usage. An {@link ServerKind#UNKNOWN} server gives a snapshot with every value {@code null}.
 */
public final class ServerMetricsNormalizer {

  private ServerMetricsNormalizer() {
  }

  /** The snapshot these samples describe, stamped {@code atNanos}. */
  public static ServerSnapshot normalize(List<PromSample> samples, long atNanos) {
    Objects.requireNonNull(samples, "samples");
    Names names = new Names(samples);
    ServerKind kind = ServerKind.detect(samples);
    return switch (kind) {
      case VLLM -> new ServerSnapshot(atNanos, kind,
          names.sum("vllm:num_requests_running"),
          names.sum("vllm:num_requests_waiting"),
          names.max("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc"),
          names.counter("vllm:num_preemptions"),
          names.counter("vllm:prefix_cache_hits"),
          names.counter("vllm:prefix_cache_queries"),
          names.sum("vllm:time_to_first_token_seconds_sum"),
          names.sum("vllm:time_to_first_token_seconds_count"),
          names.sum("vllm:request_queue_time_seconds_sum"),
          names.sum("vllm:request_queue_time_seconds_count"),
          names.counter("vllm:prompt_tokens"),
          names.counter("vllm:generation_tokens"));
      case SGLANG -> new ServerSnapshot(atNanos, kind,
          names.sum("sglang:num_running_reqs"),
          names.sum("sglang:num_queue_reqs"),
          names.max("sglang:token_usage"),
          names.counter("sglang:num_retracted_requests"),
          names.counter("sglang:cached_tokens"),
          null,
          names.sum("sglang:time_to_first_token_seconds_sum"),
          names.sum("sglang:time_to_first_token_seconds_count"),
          names.sum("sglang:queue_time_seconds_sum"),
          names.sum("sglang:queue_time_seconds_count"),
          names.counter("sglang:prompt_tokens"),
          names.counter("sglang:generation_tokens"));
      case TGI -> new ServerSnapshot(atNanos, kind,
          names.sum("tgi_batch_current_size"),
          names.sum("tgi_queue_size"),
          null, null, null, null, null, null,
          names.sum("tgi_request_queue_duration_sum"),
          names.sum("tgi_request_queue_duration_count"),
          names.sum("tgi_request_input_length_sum"),
          names.sum("tgi_request_generated_tokens_sum"));
      case LLAMA_CPP -> new ServerSnapshot(atNanos, kind,
          names.sum("llamacpp:requests_processing"),
          names.sum("llamacpp:requests_deferred"),
          names.max("llamacpp:kv_cache_usage_ratio"),
          null, null, null, null, null, null, null,
          names.counter("llamacpp:prompt_tokens"),
          names.counter("llamacpp:tokens_predicted"));
      case UNKNOWN -> new ServerSnapshot(atNanos, kind, null, null, null, null, null, null, null, null, null, null,
          null, null);
    };
  }

  /** The samples by name, and the three ways this class reads them. */
  private static final class Names {
    private final Map<String, double[]> sumsAndMaxes = new HashMap<>();

    Names(List<PromSample> samples) {
      for (PromSample sample : samples) {
        double value = sample.value();
        if (Double.isNaN(value)) {
          continue;
        }
        double[] sumAndMax = sumsAndMaxes.computeIfAbsent(sample.name(),
            n -> new double[] {0, Double.NEGATIVE_INFINITY});
        sumAndMax[0] += value;
        sumAndMax[1] = Math.max(sumAndMax[1], value);
      }
    }

    /** The sum over label sets of the first of these names present, or {@code null}. */
    Double sum(String... candidates) {
      for (String name : candidates) {
        double[] sumAndMax = sumsAndMaxes.get(name);
        if (sumAndMax != null) {
          return sumAndMax[0];
        }
      }
      return null;
    }

    /** The largest value over label sets of the first of these names present, or {@code null}. */
    Double max(String... candidates) {
      for (String name : candidates) {
        double[] sumAndMax = sumsAndMaxes.get(name);
        if (sumAndMax != null) {
          return sumAndMax[1];
        }
      }
      return null;
    }

    /** A counter: {@code base_total}, else {@code base}. */
    Double counter(String base) {
      return sum(base + "_total", base);
    }
  }
}
