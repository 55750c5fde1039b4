package dev.llmload.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmload.server.faults.FaultKind;
import dev.llmload.server.faults.FaultPicker;
import dev.llmload.server.faults.FaultRule;
import dev.llmload.server.metrics.ServerMetrics;
import dev.llmload.server.truth.RequestOutcome;
import dev.llmload.server.truth.TruthRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the HTTP API of one connection. Requests are answered one at a time in arrival order (a pipelined request
 * waits for the stream before it); completions go to a {@link CompletionExchange}, the rest are answered at once.
 * Any failure becomes an OpenAI-style error body, never a stack trace. A completions request that draws the
 * {@code stale-connection} fault on a connection that has already served one closes the connection unanswered and
 * unrecorded (the keep-alive limits themselves are {@link KeepAliveLimits}'s).
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  static final String REQUEST_ID_HEADER = "X-Request-Id";
  static final String FAULT_HEADER = "X-Sim-Fault";

  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final int MAX_REQUEST_ID_LENGTH = 256;

  private final ServerState server;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private CompletionExchange current;
  private ChannelHandlerContext ctx;
  /** Requests this connection has taken in so far (answered, or being answered): one or more makes it reused. */
  private int requestsTaken;

  /** A pipelined request waiting for the answer before it, with the time it was read. */
  private record Pending(FullHttpRequest request, long receivedNanos) {}

  ApiHandler(ServerState server) {
    this.server = server;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    long receivedNanos = System.nanoTime();
    if (current != null) {
      pending.addLast(new Pending(request.retain(), receivedNanos));
      return;
    }
    handle(request, receivedNanos);
  }

  private void handle(FullHttpRequest request, long receivedNanos) {
    if (!ctx.channel().isActive()) {
      return; // a request pipelined behind one that closed the connection: never processed
    }
    boolean reusedConnection = requestsTaken > 0;
    requestsTaken++;
    if (request.decoderResult().isFailure()) {
      ctx.writeAndFlush(errorResponse(ApiError.badRequest("Malformed HTTP request.", null), null))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    HttpMethod method = request.method();
    try {
      switch (path) {
        case "/v1/chat/completions" -> {
          requireMethod(method, HttpMethod.POST);
          completion(request, CompletionRequest.Kind.CHAT, receivedNanos, reusedConnection);
        }
        case "/v1/completions" -> {
          requireMethod(method, HttpMethod.POST);
          completion(request, CompletionRequest.Kind.TEXT, receivedNanos, reusedConnection);
        }
        case "/v1/models" -> {
          requireMethod(method, HttpMethod.GET);
          respond(HttpResponseStatus.OK, models(), HttpHeaderValues.APPLICATION_JSON.toString());
        }
        case "/health" -> {
          requireMethod(method, HttpMethod.GET);
          respond(HttpResponseStatus.OK, "", HttpHeaderValues.APPLICATION_JSON.toString());
        }
        case "/tokenize" -> {
          requireMethod(method, HttpMethod.POST);
          respond(HttpResponseStatus.OK, tokenize(request), HttpHeaderValues.APPLICATION_JSON.toString());
        }
        case "/detokenize" -> {
          requireMethod(method, HttpMethod.POST);
          respond(HttpResponseStatus.OK, detokenize(request), HttpHeaderValues.APPLICATION_JSON.toString());
        }
        case "/metrics" -> {
          requireMethod(method, HttpMethod.GET);
          respond(HttpResponseStatus.OK, server.metrics().render(server.engine().stats(), server.truth()),
              "text/plain; version=0.0.4; charset=utf-8");
        }
        case "/debug/requests" -> {
          requireMethod(method, HttpMethod.GET);
          respond(HttpResponseStatus.OK, DebugRequests.render(server.truth(), new QueryStringDecoder(request.uri())),
              HttpHeaderValues.APPLICATION_JSON.toString());
        }
        default -> throw ApiError.notFound("Not Found: " + method + " " + path + ". The simulated server serves "
            + "/v1/chat/completions, /v1/completions, /v1/models, /health, /tokenize, /detokenize, /metrics, /debug/requests.",
            null);
      }
    } catch (ApiError e) {
      ctx.writeAndFlush(errorResponse(e, null));
    } catch (RuntimeException e) {
      LOG.warn("Simulated server failed on {} {}", method, path, e);
      ctx.writeAndFlush(errorResponse(ApiError.internal("Internal error in the simulated server: " + e), null));
    }
  }

  private void completion(FullHttpRequest http, CompletionRequest.Kind kind, long receivedNanos,
      boolean reusedConnection) {
    String requestId = http.headers().get(REQUEST_ID_HEADER);
    if (requestId == null || requestId.isBlank() || requestId.length() > MAX_REQUEST_ID_LENGTH) {
      requestId = server.newRequestId();
    }
    CompletionRequest request;
    Optional<FaultRule> requested;
    try {
      request = server.parser().parse(kind, http.headers().get(HttpHeaderNames.CONTENT_TYPE),
          ByteBufUtil.getBytes(http.content()));
      requested = request.requestedFault();
      String header = http.headers().get(FAULT_HEADER);
      if (header != null && server.settings().faultModelNames()) {
        try {
          requested = Optional.of(FaultRule.parseSpec(header));
        } catch (IllegalArgumentException e) {
          throw ApiError.badRequest("Header " + FAULT_HEADER + ": " + e.getMessage() + ".", null);
        }
      }
    } catch (ApiError e) {
      server.truth().begin(requestId, "", false, receivedNanos, 0).end(RequestOutcome.REJECTED, e.status());
      ctx.writeAndFlush(errorResponse(e, requestId));
      return;
    }
    // The attempt begin() will give it (a concurrent request with the same id could take it first: then the roll
    // differs, nothing else). A stale-connection drop must be decided before begin(): the request is never processed.
    int attempt = server.truth().timesProcessed(requestId) + 1;
    FaultPicker.Arrival arrival = reusedConnection
        ? new FaultPicker.Arrival(true, server.staleDrops().count(requestId))
        : FaultPicker.Arrival.FRESH;
    Optional<FaultRule> fault = server.faults().pick(request.model(), requested, requestId, attempt, arrival);
    if (fault.isPresent() && fault.get().kind().needsReusedConnection()) {
      dropAsStale(requestId, fault.get().kind() == FaultKind.STALE_CONNECTION_RESET);
      return;
    }
    TruthRecorder truth = server.truth().begin(requestId, request.model(), request.stream(), receivedNanos,
        request.promptTokens());
    if (fault.isPresent() && fault.get().kind().httpStatus() != 0) {
      int status = fault.get().kind().httpStatus();
      truth.faultInjected(fault.get().kind());
      truth.end(RequestOutcome.ERRORED, status);
      FullHttpResponse response = errorResponse(ApiError.injected(status), requestId);
      if (status == 429 || status == 503) {
        response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
      }
      ctx.writeAndFlush(response);
      return;
    }
    current = new CompletionExchange(ctx.channel(), server, request, requestId, truth, fault, this::exchangeEnded);
    current.start();
  }

  /**
   * The {@code stale-connection} faults: closes the connection without a byte of answer, as a server whose idle close
   * crossed the request would - with a reset when {@code reset}. Nothing records the request: the server never saw it.
   */
  private void dropAsStale(String requestId, boolean reset) {
    server.staleDrops().dropped(requestId);
    server.metrics().keepAliveClosed(ServerMetrics.CloseReason.STALE_FAULT);
    LOG.debug("Dropping request {} on reused connection {} (injected fault stale-connection{})", requestId,
        ctx.channel().remoteAddress(), reset ? "-reset" : "");
    if (reset) {
      ctx.channel().config().setOption(io.netty.channel.ChannelOption.SO_LINGER, 0); // close() then sends RST
    }
    ctx.close();
  }

  private void exchangeEnded() {
    current = null;
    while (current == null && !pending.isEmpty()) {
      Pending next = pending.pollFirst();
      try {
        handle(next.request(), next.receivedNanos());
      } finally {
        next.request().release();
      }
    }
  }

  private String models() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    for (String model : server.settings().servedModels()) {
      ObjectNode m = data.addObject();
      m.put("id", model);
      m.put("object", "model");
      m.put("created", server.startedEpochSeconds());
      m.put("owned_by", "llm-loadtest-simulator");
      m.put("root", model);
      m.putNull("parent");
      m.put("max_model_len", server.settings().engine().maxModelLen());
    }
    return root.toString();
  }

  private String tokenize(FullHttpRequest http) {
    RequestParser.Prompt prompt = server.parser().parseTokenize(http.headers().get(HttpHeaderNames.CONTENT_TYPE),
        ByteBufUtil.getBytes(http.content()));
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("count", prompt.tokens());
    root.put("max_model_len", server.settings().engine().maxModelLen());
    ArrayNode tokens = root.putArray("tokens");
    for (int id : prompt.tokenIds()) { // what the prefix cache hashes; template tokens from SPECIAL_BASE on
      tokens.add(id);
    }
    root.putNull("token_strs");
    learnPieces(http);
    return root.toString();
  }

  /** Remembers the text pieces of a {@code /tokenize} body (already validated), so {@code /detokenize} knows them. */
  private void learnPieces(FullHttpRequest http) {
    try {
      com.fasterxml.jackson.databind.JsonNode root = Json.MAPPER.readTree(ByteBufUtil.getBytes(http.content()));
      for (String field : new String[] {"prompt", "content"}) {
        if (root.path(field).isTextual()) {
          server.vocabulary().learn(root.get(field).asText());
        }
      }
      for (com.fasterxml.jackson.databind.JsonNode message : root.path("messages")) {
        if (message.path("content").isTextual()) {
          server.vocabulary().learn(message.get("content").asText());
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // the body parsed a moment ago
    }
  }

  /** {@code POST /detokenize}: vLLM's shape, {@code {"tokens": [...]}} (optional {@code model}) -> {@code {"prompt"}}. */
  private String detokenize(FullHttpRequest http) {
    int[] ids = server.parser().parseDetokenize(http.headers().get(HttpHeaderNames.CONTENT_TYPE), ByteBufUtil.getBytes(http.content()));
    String text;
    try {
      text = server.vocabulary().text(ids);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage() + ".", "tokens");
    }
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("prompt", text);
    return root.toString();
  }

  private static void requireMethod(HttpMethod actual, HttpMethod expected) {
    if (!actual.equals(expected)) {
      throw ApiError.methodNotAllowed("Method " + actual + " is not allowed here, use " + expected + ".");
    }
  }

  private void respond(HttpResponseStatus status, String body, String contentType) {
    ctx.writeAndFlush(fullResponse(status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), contentType));
  }

  /** A whole (not streamed) response: {@code body} with its {@code Content-Type} and {@code Content-Length}. */
  static FullHttpResponse fullResponse(HttpResponseStatus status, ByteBuf body, CharSequence contentType) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    return response;
  }

  static FullHttpResponse errorResponse(ApiError error, String requestId) {
    FullHttpResponse response = fullResponse(HttpResponseStatus.valueOf(error.status()),
        Unpooled.copiedBuffer(error.toJson(), StandardCharsets.UTF_8), HttpHeaderValues.APPLICATION_JSON);
    if (requestId != null) {
      response.headers().set(REQUEST_ID_HEADER, requestId);
    }
    if (error.status() == 405) {
      response.headers().set(HttpHeaderNames.ALLOW, "GET, POST");
    }
    return response;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (current != null) {
      current.channelClosed();
      current = null;
    }
    for (Pending p : pending) {
      p.request().release();
    }
    pending.clear();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("Closing simulated-server connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
