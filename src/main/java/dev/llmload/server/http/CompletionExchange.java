package dev.llmload.server.http;

import dev.llmload.server.engine.PrefixCache;
import dev.llmload.server.engine.Sequence;
import dev.llmload.server.engine.TokenSink;
import dev.llmload.server.faults.FaultKind;
import dev.llmload.server.faults.FaultRule;
import dev.llmload.server.text.OutputRules;
import dev.llmload.server.text.PseudoText;
import dev.llmload.server.text.Seeds;
import dev.llmload.server.truth.RequestOutcome;
import dev.llmload.server.truth.TruthRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One completions answer on one channel, from the response headers to {@code [DONE]}: the {@link TokenSink} of its
 * engine sequence. Everything here runs on the channel's event loop, so it needs no locks. Each content write is
 * stamped with {@code System.nanoTime()} just before {@code writeAndFlush} and recorded in the ground truth.
 *
 * <p>Chunking: tokens accumulate until {@code tokensPerChunk} are available (or the answer ends), then go out as one
 * content chunk. Mid-stream faults fire as soon as at least {@code afterTokens} content tokens have been written.
 */
final class CompletionExchange implements TokenSink {

  /** {@code scheduledNanos} for writes that have no engine schedule (after a stall). */
  private static final long UNSCHEDULED = Long.MIN_VALUE;

  private final Channel channel;
  private final ServerState server;
  private final CompletionRequest request;
  private final String requestId;
  private final TruthRecorder truth;
  private final Optional<FaultRule> fault;
  private final OutputRules.Decision decision;
  private final SseChunks chunks;
  private final int tokensPerChunk;
  private final Runnable onEnd;

  private Sequence sequence;
  private int generatedTokens;
  private boolean generationFinished;
  private int writtenTokens;
  private boolean roleWritten;
  private boolean faultFired;
  private boolean malformedPending;
  private boolean stalled;
  private boolean ended;
  private boolean cachedTokensRecorded;
  /** Answer with a stream: asked for, and no {@code not-a-stream} fault. */
  private final boolean streaming;
  private long lastContentNanos = -1;

  CompletionExchange(Channel channel, ServerState server, CompletionRequest request, String requestId,
      TruthRecorder truth, Optional<FaultRule> fault, Runnable onEnd) {
    this.channel = channel;
    this.server = server;
    this.request = request;
    this.requestId = requestId;
    this.truth = truth;
    this.fault = fault;
    this.onEnd = onEnd;
    this.tokensPerChunk = server.settings().tokensPerChunk();
    long lengthSeed = Seeds.mix(server.settings().seed() ^ Seeds.of(requestId), truth.attempt());
    this.decision = OutputRules.decide(server.settings().outputLength(), lengthSeed, request.maxTokens(),
        request.minTokens(), request.ignoreEos());
    this.chunks = new SseChunks(request.kind(), request.kind().idPrefix + requestId,
        System.currentTimeMillis() / 1_000, request.model());
    fault.ifPresent(f -> truth.faultInjected(f.kind()));
    this.streaming = request.stream() && !(fault.isPresent() && fault.get().kind() == FaultKind.NOT_A_STREAM);
  }

  /** Starts the answer, after the stall of a {@code stall-before-headers} fault if there is one. */
  void start() {
    if (fault.isPresent() && fault.get().kind() == FaultKind.STALL_BEFORE_HEADERS) {
      channel.eventLoop().schedule(this::begin, fault.get().stallMillis(), TimeUnit.MILLISECONDS);
    } else {
      begin();
    }
  }

  private void begin() {
    if (ended) {
      return;
    }
    server.metrics().promptTokens(request.promptTokens());
    if (streaming) {
      HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      response.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
          .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
          .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
          .set(ApiHandler.REQUEST_ID_HEADER, requestId);
      truth.headersSent(200);
      channel.writeAndFlush(response, channel.voidPromise());
    }
    long[] blocks = server.settings().effectivePrefixCacheBlocks() == 0 ? new long[0]
        : PrefixCache.blockHashes(request.promptTokenIds(), server.settings().prefixCacheBlockTokens());
    sequence = new Sequence(request.promptTokens(), decision.outputTokens(), blocks, this);
    server.engine().submit(sequence);
  }

  @Override
  public Executor executor() {
    return channel.eventLoop();
  }

  @Override
  public void onTokens(int generated, boolean finished, long scheduledNanos) {
    if (ended) {
      return;
    }
    if (!cachedTokensRecorded) { // the engine set it at admission, before handing over the first token
      cachedTokensRecorded = true;
      truth.promptCached(sequence.cachedPromptTokens());
    }
    generatedTokens = generated;
    generationFinished = finished;
    if (stalled) {
      return;
    }
    advance(scheduledNanos);
  }

  /** Writes what the tokens generated so far allow: stream chunks, or the body once it is complete. */
  private void advance(long scheduledNanos) {
    if (streaming) {
      drainStream(scheduledNanos);
    } else {
      progressBody();
    }
  }

  /** The client went away (channel inactive). */
  void channelClosed() {
    if (ended) {
      return;
    }
    ended = true;
    truth.end(RequestOutcome.CANCELLED, 0);
    cancelSequence();
  }

  // ---- streaming -------------------------------------------------------------------------------------------------

  private void drainStream(long scheduledNanos) {
    if (request.kind() == CompletionRequest.Kind.CHAT && !roleWritten) {
      roleWritten = true;
      channel.write(content(chunks.role()), channel.voidPromise());
    }
    if (maybeFireFault(writtenTokens)) { // afterTokens = 0: before any content
      return;
    }
    while (!ended && !stalled) {
      int available = generatedTokens - writtenTokens;
      if (available <= 0 || available < tokensPerChunk && !generationFinished) {
        break;
      }
      int n = Math.min(available, tokensPerChunk);
      writeContent(n, scheduledNanos);
      if (maybeFireFault(writtenTokens)) {
        return;
      }
    }
    if (!ended && !stalled && generationFinished && writtenTokens == generatedTokens) {
      completeStream();
    }
  }

  private void writeContent(int tokens, long scheduledNanos) {
    ByteBuf bytes = ByteBufUtil.writeUtf8(channel.alloc(), chunks.content(
        PseudoText.tokens(request.textSeed(), writtenTokens, tokens)));
    writtenTokens += tokens;
    long now = System.nanoTime();
    channel.writeAndFlush(new DefaultHttpContent(bytes), channel.voidPromise());
    recordContent(now, tokens, scheduledNanos);
  }

  private void recordContent(long now, int tokens, long scheduledNanos) {
    truth.contentWritten(now, tokens);
    if (lastContentNanos < 0) {
      server.metrics().firstToken(now - truth.receivedNanos());
    } else {
      server.metrics().interToken(now - lastContentNanos);
    }
    lastContentNanos = now;
    if (scheduledNanos != UNSCHEDULED) {
      server.metrics().writeLateness(now - scheduledNanos);
    }
  }

  private void completeStream() {
    ended = true;
    truth.end(RequestOutcome.COMPLETED, 200);
    server.metrics().success(decision.finishReason(), System.nanoTime() - truth.receivedNanos());
    StringBuilder tail = new StringBuilder(512).append(chunks.finish(decision.finishReason()));
    if (request.includeUsage()) {
      tail.append(chunks.usage(request.promptTokens(), writtenTokens, reportedCachedTokens()));
    }
    tail.append(SseChunks.DONE);
    channel.writeAndFlush(new DefaultLastHttpContent(utf8(tail)));
    onEnd.run();
  }

  // ---- one JSON body ---------------------------------------------------------------------------------------------

  private void progressBody() {
    if (maybeFireFault(generatedTokens)) {
      return;
    }
    if (!generationFinished) {
      return;
    }
    ended = true;
    String body = malformedPending
        ? chunks.malformedBody()
        : chunks.body(PseudoText.tokens(request.textSeed(), 0, generatedTokens), decision.finishReason(),
            request.promptTokens(), generatedTokens, reportedCachedTokens());
    FullHttpResponse response = ApiHandler.fullResponse(HttpResponseStatus.OK, utf8(body),
        HttpHeaderValues.APPLICATION_JSON);
    response.headers().set(ApiHandler.REQUEST_ID_HEADER, requestId);
    writtenTokens = generatedTokens;
    long now = System.nanoTime();
    recordContent(now, generatedTokens, UNSCHEDULED);
    truth.end(RequestOutcome.COMPLETED, 200);
    server.metrics().success(decision.finishReason(), now - truth.receivedNanos());
    channel.writeAndFlush(response);
    onEnd.run();
  }

  /**
   * The usage's {@code prompt_tokens_details.cached_tokens}: the prompt tokens the prefix cache served at admission (the
   * ground truth's {@code cachedPromptTokens}), or -1 (no details) when {@code promptTokensDetails} is off.
   */
  private int reportedCachedTokens() {
    return server.settings().promptTokensDetails() ? sequence.cachedPromptTokens() : -1;
  }

  // ---- mid-stream faults, streamed or not ------------------------------------------------------------------------

  /**
   * Fires a mid-stream fault once {@code tokensOut} (content tokens written to a stream, or generated for a body)
   * reach its {@code afterTokens}; true when the answer must not go on now.
   */
  private boolean maybeFireFault(int tokensOut) {
    if (faultFired || fault.isEmpty() || !fault.get().kind().isMidStream() || tokensOut < fault.get().afterTokens()) {
      return false;
    }
    faultFired = true;
    FaultRule rule = fault.get();
    switch (rule.kind()) {
      case CUT -> {
        cut();
        return true;
      }
      case ERROR_EVENT -> {
        failGeneration("Generation failed (injected fault error-event after " + tokensOut + " tokens).");
        return true;
      }
      case STALL_MID_STREAM -> {
        stall(rule.stallMillis());
        return true;
      }
      case MALFORMED_CHUNK -> {
        if (request.stream()) {
          channel.writeAndFlush(content(chunks.malformed()), channel.voidPromise());
        } else {
          malformedPending = true;
        }
        return false;
      }
      default -> throw new IllegalStateException("not a mid-stream fault: " + rule.kind());
    }
  }

  /**
   * Ends the answer with an error, as vLLM does when generation fails: an error event and {@code [DONE]} inside the
   * 200 stream, or an HTTP 500 error body instead of the JSON answer.
   */
  private void failGeneration(String message) {
    ended = true;
    truth.end(RequestOutcome.ERRORED, request.stream() ? 200 : 500);
    cancelSequence();
    if (request.stream()) {
      String event = SseChunks.errorEvent(message, "InternalServerError", 500);
      channel.writeAndFlush(new DefaultLastHttpContent(utf8(event + SseChunks.DONE)));
    } else {
      channel.writeAndFlush(ApiHandler.errorResponse(ApiError.internal(message), requestId));
    }
    onEnd.run();
  }

  private void stall(long millis) {
    stalled = true;
    channel.flush();
    channel.eventLoop().schedule(() -> {
      stalled = false;
      if (!ended) {
        advance(UNSCHEDULED);
      }
    }, millis, TimeUnit.MILLISECONDS);
  }

  private void cut() {
    ended = true;
    truth.end(RequestOutcome.CUT, 0);
    cancelSequence();
    // Everything written so far reaches the client, then the connection closes without the chunked terminator.
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  private void cancelSequence() {
    if (sequence != null) {
      server.engine().cancel(sequence);
    }
  }

  private DefaultHttpContent content(String event) {
    return new DefaultHttpContent(utf8(event));
  }

  private ByteBuf utf8(CharSequence text) {
    return ByteBufUtil.writeUtf8(channel.alloc(), text);
  }
}
