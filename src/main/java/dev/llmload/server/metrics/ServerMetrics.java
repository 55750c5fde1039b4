package dev.llmload.server.metrics;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.llmload.server.engine.EngineStats;
import dev.llmload.server.truth.GroundTruth;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The server's counters and histograms, rendered at {@code GET /metrics} in Prometheus text format under vLLM's
 * metric names (plus a few {@code llmsim:} ones of the simulator's own). Written from event loops, lock-free.
 */
public final class ServerMetrics {

  /** Why the server closed a kept-alive connection ({@code reason} label of {@code llmsim:keepalive_closes_total}). */
  public enum CloseReason {
    /** No request for {@code keepAliveIdle}. */
    IDLE("idle"),
    /** The {@code keepAliveMaxRequests}-th response was written, with {@code Connection: close}. */
    MAX_REQUESTS("max_requests"),
    /** A {@code stale-connection} fault dropped a request arriving on a reused connection. */
    STALE_FAULT("stale_fault");

    private final String label;

    CloseReason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private static final double[] TTFT_BOUNDS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75,
      1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};
  private static final double[] ITL_BOUNDS = {0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0,
      2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0};
  private static final double[] E2E_BOUNDS = {0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0,
      40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0};
  private static final double[] QUEUE_BOUNDS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
      10.0, 30.0, 60.0, 120.0, 300.0, 600.0};
  private static final double[] LATENESS_BOUNDS = {0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 0.1};

  private final String labels;
  private final LongAdder promptTokens = new LongAdder();
  private final LongAdder successStop = new LongAdder();
  private final LongAdder successLength = new LongAdder();
  private final PromHistogram ttft = new PromHistogram("vllm:time_to_first_token_seconds",
      "Histogram of time to first token in seconds.", TTFT_BOUNDS);
  private final PromHistogram itl = new PromHistogram("vllm:inter_token_latency_seconds",
      "Histogram of inter-token latency in seconds (per content chunk).", ITL_BOUNDS);
  private final PromHistogram e2e = new PromHistogram("vllm:e2e_request_latency_seconds",
      "Histogram of end to end request latency in seconds.", E2E_BOUNDS);
  private final PromHistogram lateness = new PromHistogram("llmsim:chunk_write_lateness_seconds",
      "Histogram of content chunk writes behind the engine schedule, in seconds.", LATENESS_BOUNDS);
  private final PromHistogram queueTime = new PromHistogram("vllm:request_queue_time_seconds",
      "Histogram of time from arrival at the engine to first admission into the batch, in seconds.", QUEUE_BOUNDS);
  private final Recorder latenessRecorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
  private final LongAdder[] keepAliveCloses = new LongAdder[CloseReason.values().length];

  public ServerMetrics(String modelName) {
    // A label value is quoted as a JSON string is: the same escapes for quote, backslash and line feed.
    this.labels = "engine=\"0\",model_name=\"" + new String(JsonStringEncoder.getInstance().quoteAsString(modelName))
        + "\"";
    for (int i = 0; i < keepAliveCloses.length; i++) {
      keepAliveCloses[i] = new LongAdder();
    }
  }

  public void keepAliveClosed(CloseReason reason) {
    keepAliveCloses[reason.ordinal()].increment();
  }

  /** Connections the server closed for this reason since start. */
  public long keepAliveCloses(CloseReason reason) {
    return keepAliveCloses[reason.ordinal()].sum();
  }

  public void promptTokens(int tokens) {
    promptTokens.add(tokens);
  }

  public void firstToken(long nanos) {
    ttft.observeNanos(nanos);
  }

  public void interToken(long nanos) {
    itl.observeNanos(nanos);
  }

  /** A request waited {@code nanos} from arrival at the engine to its first admission into the batch. */
  public void queueTime(long nanos) {
    queueTime.observeNanos(Math.max(0, nanos));
  }

  public void success(String finishReason, long e2eNanos) {
    ("stop".equals(finishReason) ? successStop : successLength).increment();
    e2e.observeNanos(e2eNanos);
  }

  /** A content write {@code nanos} after the end of its engine step. */
  public void writeLateness(long nanos) {
    long value = Math.max(0, nanos);
    lateness.observeNanos(value);
    latenessRecorder.recordValue(Math.min(value, TimeUnit.SECONDS.toNanos(60)));
  }

  /** Lateness of content writes since the previous call (HdrHistogram, nanoseconds). */
  public Histogram latenessSinceLastCall() {
    return latenessRecorder.getIntervalHistogram();
  }

  public String render(EngineStats engine, GroundTruth truth) {
    StringBuilder out = new StringBuilder(8_192);
    gauge(out, "vllm:num_requests_running", "Number of requests in model execution batches.", engine.running());
    gauge(out, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", engine.waiting());
    gauge(out, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", engine.kvCacheUsage());
    counter(out, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", promptTokens.sum());
    counter(out, "vllm:generation_tokens_total", "Number of generation tokens processed.",
        engine.generatedTokensTotal());
    out.append("# HELP vllm:request_success_total Count of successfully processed requests.\n");
    out.append("# TYPE vllm:request_success_total counter\n");
    out.append("vllm:request_success_total{").append(labels).append(",finished_reason=\"stop\"} ")
        .append(successStop.sum()).append('\n');
    out.append("vllm:request_success_total{").append(labels).append(",finished_reason=\"length\"} ")
        .append(successLength.sum()).append('\n');
    counter(out, "vllm:prefix_cache_queries_total",
        "Prefix cache queries, in terms of number of queried tokens.", engine.prefixCacheQueriesTotal());
    counter(out, "vllm:prefix_cache_hits_total",
        "Prefix cache hits, in terms of number of cached tokens.", engine.prefixCacheHitsTotal());
    counter(out, "vllm:num_preemptions_total", "Cumulative number of preemption from the engine.",
        engine.preemptionsTotal());
    ttft.render(out, labels);
    itl.render(out, labels);
    e2e.render(out, labels);
    queueTime.render(out, labels);
    lateness.render(out, labels);
    counter(out, "llmsim:engine_steps_total", "Engine steps run.", engine.stepsTotal());
    counter(out, "llmsim:engine_late_steps_total", "Engine steps that started over 2 ms behind schedule.",
        engine.lateStepsTotal());
    out.append("# HELP llmsim:requests_total Completions requests by outcome (ground truth).\n");
    out.append("# TYPE llmsim:requests_total counter\n");
    outcome(out, "completed", truth.requestsCompleted());
    outcome(out, "cut", truth.requestsCut());
    outcome(out, "errored", truth.requestsErrored());
    outcome(out, "rejected", truth.requestsRejected());
    outcome(out, "cancelled", truth.requestsCancelled());
    out.append("# HELP llmsim:keepalive_closes_total Kept-alive connections the server closed, by reason.\n");
    out.append("# TYPE llmsim:keepalive_closes_total counter\n");
    for (CloseReason reason : CloseReason.values()) {
      out.append("llmsim:keepalive_closes_total{").append(labels).append(",reason=\"").append(reason.label())
          .append("\"} ").append(keepAliveCloses(reason)).append('\n');
    }
    return out.toString();
  }

  private void outcome(StringBuilder out, String outcome, long value) {
    out.append("llmsim:requests_total{").append(labels).append(",outcome=\"").append(outcome).append("\"} ")
        .append(value).append('\n');
  }

  private void gauge(StringBuilder out, String name, String help, double value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
    out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
  }

  private void counter(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
    out.append(name).append('{').append(labels).append("} ").append((double) value).append('\n');
  }
}
