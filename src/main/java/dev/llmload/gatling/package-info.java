/**
 * Glue between Gatling and the measurement, what a simulation holds: {@link dev.llmload.gatling.LlmRun} (the workload
 * as Gatling's population, the run's start and finish), the measured streamed-request chain, the headers and idle
 * watchdog, the reading of a failed stream's failure text, real-time event loops when asked for, and the self-check
 * of the Gatling internals we use.
 */
package dev.llmload.gatling;
