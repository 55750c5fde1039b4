/**
 * Prompt datasets ({@code llm.request.dataset}): one reader per file format (JSONL, ShareGPT, CSV), each turning a
 * file into requests once, before any load, or failing with the line and the problem; and the request source that
 * cycles through them.
 */
package dev.llmload.workload.datasets;
