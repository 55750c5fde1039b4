/**
 * What the simulated model reads and writes, deterministically: prompt token counts, the generated pseudo-words,
 * output lengths and finish reasons, and the seeds behind them.
 */
package dev.llmload.server.text;
