/**
 * What ran besides the requests: the server's metrics scraped and normalised, the machine's resources, the load
 * generator's health, per-level figures and the sentence that explains the knee.
 */
package dev.llmload.telemetry;
