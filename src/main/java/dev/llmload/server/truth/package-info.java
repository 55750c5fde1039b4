/**
 * The ground truth: what the server did for each completions request (arrival, every content write, outcome, how
 * many times each request id was processed), on the same clock as an in-JVM client.
 */
package dev.llmload.server.truth;
