/**
 * Raw times of each request: the tracker stamped on the virtual user's event loop (send, headers, every message,
 * end) and the recorder that turns finished trackers into records off the event loop - level, warm-up, the log
 * line and the aggregation. Nothing here knows Gatling.
 */
package dev.llmload.recording;
