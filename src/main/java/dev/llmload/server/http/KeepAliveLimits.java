package dev.llmload.server.http;

import dev.llmload.server.metrics.ServerMetrics;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes one kept-alive connection the way real servers close theirs, so every client run meets it:
 *
 * <ul>
 *   <li><b>idle</b> ({@code keepAliveIdle}, uvicorn and cpp-httplib: 5 s): when no request has been in progress for
 *       that long, counted from the moment the last response's final bytes were handed to the socket (or from the
 *       connection's opening), the connection is closed without a byte of notice. A request head arriving stops the
 *       clock, so a request waiting in the engine queue or a stream longer than the idle time is never idle.
 *   <li><b>max requests</b> ({@code keepAliveMaxRequests}, cpp-httplib: 100): the response to the N-th request
 *       carries {@code Connection: close} and the connection is closed once that response has been written.
 *       Requests pipelined behind the N-th are discarded unread, as a server that stopped reading would.
 * </ul>
 *
 * <p>It sits between the HTTP codec and the aggregator, so it sees each request head as soon as it is decoded and
 * every response the server writes (from the API handler or from the aggregator's own 100/413 answers). Every closure
 * is counted in {@code llmsim:keepalive_closes_total}. One instance per connection; everything runs on the channel's
 * event loop, so it needs no locks.
 */
final class KeepAliveLimits extends ChannelDuplexHandler {

  private final long idleNanos;
  private final int maxRequests;
  private final ServerMetrics metrics;

  /** Request heads passed on to the server. */
  private int requestsRead;
  /** Final (not 1xx) responses begun, and of those the ones whose last content has been written. */
  private int responsesStarted;
  private int responsesEnded;
  /** The response being written is a 1xx one (its last content ends no request). */
  private boolean informational;
  /** The {@code keepAliveMaxRequests}-th response has begun: close once it has been written. */
  private boolean closeAfterLastResponse;
  /** Past the limit: every further inbound message is dropped. */
  private boolean discarding;
  private ScheduledFuture<?> idleTimer;

  /**
   * @param idleNanos idle time before the server closes the connection; 0: never
   * @param maxRequests requests served per connection; 0: no limit
   */
  KeepAliveLimits(long idleNanos, int maxRequests, ServerMetrics metrics) {
    if (idleNanos < 0) {
      throw new IllegalArgumentException("idleNanos must be zero (never) or positive, was " + idleNanos);
    }
    if (maxRequests < 0) {
      throw new IllegalArgumentException("maxRequests must be zero (no limit) or positive, was " + maxRequests);
    }
    this.idleNanos = idleNanos;
    this.maxRequests = maxRequests;
    this.metrics = metrics;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    armIdleTimer(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest) {
      if (maxRequests > 0 && requestsRead >= maxRequests) {
        discarding = true;
      } else {
        requestsRead++;
        cancelIdleTimer();
      }
    }
    if (discarding && (msg instanceof HttpRequest || msg instanceof HttpContent)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    if (msg instanceof HttpResponse response) {
      informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
      if (!informational) {
        responsesStarted++;
        if (maxRequests > 0 && responsesStarted >= maxRequests) {
          HttpUtil.setKeepAlive(response, false);
          closeAfterLastResponse = true;
        }
      }
    }
    if (msg instanceof LastHttpContent && !informational) {
      ChannelPromise tracked = promise.unvoid();
      tracked.addListener(written -> responseEnded(ctx, written.isSuccess()));
      super.write(ctx, msg, tracked);
      return;
    }
    super.write(ctx, msg, promise);
  }

  private void responseEnded(ChannelHandlerContext ctx, boolean written) {
    responsesEnded++;
    if (!written) {
      return; // the connection is already gone
    }
    if (closeAfterLastResponse && responsesEnded >= responsesStarted) {
      metrics.keepAliveClosed(ServerMetrics.CloseReason.MAX_REQUESTS);
      ctx.close();
    } else if (responsesEnded >= requestsRead) {
      armIdleTimer(ctx);
    }
  }

  private void armIdleTimer(ChannelHandlerContext ctx) {
    if (idleNanos == 0) {
      return;
    }
    cancelIdleTimer();
    idleTimer = ctx.executor().schedule(() -> idleExpired(ctx), idleNanos, TimeUnit.NANOSECONDS);
  }

  private void idleExpired(ChannelHandlerContext ctx) {
    idleTimer = null;
    if (ctx.channel().isActive() && responsesEnded >= requestsRead && !closeAfterLastResponse) {
      metrics.keepAliveClosed(ServerMetrics.CloseReason.IDLE);
      ctx.close();
    }
  }

  private void cancelIdleTimer() {
    if (idleTimer != null) {
      idleTimer.cancel(false);
      idleTimer = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancelIdleTimer();
    super.channelInactive(ctx);
  }
}
