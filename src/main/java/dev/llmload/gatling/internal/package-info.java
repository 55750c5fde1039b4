/**
 * The few places that reach into Gatling internals (3.15.x), each because the public DSL has no way to do what a
 * truthful measurement needs: the injection (the run clock at injection start, the batch that added each closed
 * user, open arrivals held to the microsecond), a request timeout on an SSE connect, the stream's state machine from
 * the send on (for the watchdog), the failure text of a crashed stream, aborting a stalled stream, and an HTTP client
 * that sees connection reuse, the response start and error bodies and re-sends a request lost to a stale kept-alive
 * connection. {@link dev.llmload.gatling.internal.GatlingHooks} lists and probes every one; keep them small and tested.
 */
package dev.llmload.gatling.internal;
