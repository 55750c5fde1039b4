/**
 * The OpenAI wire protocol as a client sees it: request bodies built with Jackson, and the parsing of streamed
 * chunks ({@code chat.completion.chunk} / {@code text_completion}) into what the measurement needs.
 */
package dev.llmload.openai;
