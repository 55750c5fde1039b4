/**
 * Glue between Gatling and the measurement: the streamed-request chain, the per-request tracker stamped from
 * inside the SSE check, and the run that starts the target, records requests off the event loop and writes
 * the reports.
 */
package dev.llmload.gatling;
