/**
 * Workloads: the load levels a simulation steps through (concurrencies today, rates later) and the schedule
 * that tells which level a request belongs to from the time it was sent.
 */
package dev.llmload.workload;
