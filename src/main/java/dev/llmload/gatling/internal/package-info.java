/**
 * The few places that reach into Gatling internals (3.15.x), each because the public SSE DSL has no way to do
 * what a truthful measurement needs: a request timeout on an SSE connect, the stream's state machine from the
 * send on (for the headers and idle watchdog), the failure text of a crashed stream (it carries the HTTP status),
 * aborting a stalled stream, and the start of an error response's body. Keep them here, small, and covered by tests.
 */
package dev.llmload.gatling.internal;
