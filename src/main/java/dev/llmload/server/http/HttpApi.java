package dev.llmload.server.http;

import dev.llmload.server.ServerSettings;
import dev.llmload.server.engine.EngineLoop;
import dev.llmload.server.faults.FaultPicker;
import dev.llmload.server.faults.StaleDrops;
import dev.llmload.server.metrics.ServerMetrics;
import dev.llmload.server.text.OutputRules;
import dev.llmload.server.text.PseudoText;
import dev.llmload.server.truth.GroundTruth;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP API of one simulated server: the handlers {@link dev.llmload.server.SimulatedServer} puts on each
 * connection (after TLS, if any), all sharing one engine loop, ground truth and set of metrics.
 */
public final class HttpApi {

  /** The most text pieces {@code /detokenize} remembers (a real vocabulary is 32k-256k ids). */
  static final int VOCABULARY_PIECES = 262_144;

  private final ServerState state;

  public HttpApi(ServerSettings settings, EngineLoop engine, GroundTruth truth, ServerMetrics metrics) {
    List<String> served = settings.servedModels();
    this.state = new ServerState(
        settings,
        engine,
        truth,
        metrics,
        new RequestParser(Set.copyOf(served), served.get(0), settings.engine().maxModelLen(),
            settings.faultModelNames()),
        new FaultPicker(settings.faults(), settings.seed()),
        new StaleDrops(settings.groundTruthCapacity()),
        System.currentTimeMillis() / 1_000,
        new AtomicLong(),
        new dev.llmload.server.text.Vocabulary(VOCABULARY_PIECES));
  }

  /**
   * Adds one connection's handlers: the HTTP codec, keep-alive, the keep-alive limits, the body aggregator (bodies
   * up to {@code maxRequestBytes}) and the API itself.
   */
  public void addHandlers(ChannelPipeline pipeline) {
    ServerSettings settings = state.settings();
    pipeline
        .addLast(new HttpServerCodec())
        .addLast(new HttpServerKeepAliveHandler())
        .addLast(new KeepAliveLimits(settings.keepAliveIdle().toNanos(), settings.keepAliveMaxRequests(),
            state.metrics()))
        .addLast(new HttpObjectAggregator(settings.maxRequestBytes()))
        .addLast(new ApiHandler(state));
  }

  /**
   * Runs the per-request code paths once (JSON parsing, chunk encoding, text generation) so the first real request
   * does not pay for class loading: a cold first request would otherwise show ~30 ms of extra TTFT.
   */
  public void warmUp() {
    String model = state.settings().servedModels().get(0);
    byte[] chat = ("{\"model\":" + Json.quote(model) + ",\"stream\":true,\"stream_options\":{\"include_usage\":"
        + "true},\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"warm up\"}]}")
        .getBytes(StandardCharsets.UTF_8);
    CompletionRequest request = state.parser().parse(CompletionRequest.Kind.CHAT, "application/json", chat);
    OutputRules.decide(state.settings().outputLength(), 1, request.maxTokens(), 0, false);
    SseChunks chunks = new SseChunks(request.kind(), "chatcmpl-warm-up", 0, model);
    String warm = chunks.role() + chunks.content(PseudoText.tokens(request.textSeed(), 0, 2)) + chunks.finish("stop")
        + chunks.usage(request.promptTokens(), 2) + ApiError.badRequest("warm up", null).toJson();
    if (warm.isEmpty()) {
      throw new IllegalStateException("warm-up produced nothing");
    }
  }
}
