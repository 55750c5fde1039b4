/**
 * Workloads as data, no Gatling: closed and open workloads, their levels (a concurrency, a rate or a probe's named
 * step) and schedule, the arrival times of open levels, and the request source that says what each request asks.
 * {@link dev.llmload.workload.Workloads} has one factory per simulation.
 */
package dev.llmload.workload;
