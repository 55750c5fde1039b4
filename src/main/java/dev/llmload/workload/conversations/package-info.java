/**
 * Multi-turn chat ({@code llm.request.conversation}): a {@link dev.llmload.workload.conversations.Conversation} holds one
 * user's history (its turns and the server's actual replies) and makes each turn's request; {@link
 * dev.llmload.workload.conversations.Conversations} says where conversations take their turns (prompts, or a ShareGPT
 * dataset's recorded conversations), how many, and the think time.
 */
package dev.llmload.workload.conversations;
