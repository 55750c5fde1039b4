/**
 * What the benchmarks measure with: the client's stamps compared with the simulated server's ground truth, and the
 * CPU time of the client's threads. Used by the MeasurementAccuracy simulation and the end-to-end sweep test.
 */
package dev.llmload.benchmarks;
