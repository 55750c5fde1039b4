/**
 * The simulated server's HTTP side, one connection at a time: routing, request parsing and validation, SSE framing
 * of the answer, OpenAI-style error bodies, the keep-alive limits and the debug endpoint.
 */
package dev.llmload.server.http;
