/**
 * Run outputs: the run folder, {@code requests.jsonl} appended as requests finish, and the writers of
 * {@code summary.json}, {@code summary.csv} and {@code index.html} (one class per format behind
 * {@link dev.llmload.report.ReportWriter}); plus the console reporter.
 */
package dev.llmload.report;
