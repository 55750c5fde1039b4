/**
 * A run's lifecycle outside Gatling: the target (the embedded simulated server or a configured URL) checked before
 * any load, and the run folder with its outputs - {@code run.json}, {@code requests.jsonl}, the reports at the end or
 * when the run is stopped.
 */
package dev.llmload.run;
