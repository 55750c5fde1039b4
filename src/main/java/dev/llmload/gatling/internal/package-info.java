/**
 * The few places that reach into Gatling internals (3.15.x), each because the public DSL has no way to do what a
 * truthful measurement needs: the injection (the run clock at injection start, the batch that added each closed
 * user, open arrivals held to the microsecond), an HTTP client that sees connection reuse and the response start and
 * re-sends a request lost to a stale kept-alive connection; and our streaming action ({@link
 * dev.llmload.gatling.internal.StreamingConnect}), which sends a request built as Gatling builds it, with a request
 * timeout, and reads its SSE stream itself: the bytes stamped as they are handed over, decoded straight into each
 * event's data, a watchdog able to end it, one clear failure text. {@link dev.llmload.gatling.internal.GatlingHooks}
 * lists and probes every internal; keep them small and tested.
 */
package dev.llmload.gatling.internal;
