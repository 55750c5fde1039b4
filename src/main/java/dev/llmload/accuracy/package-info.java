/**
 * Accuracy: compares what the client measured with what the embedded simulated server did (its ground truth,
 * stamped with the same {@code System.nanoTime()} clock in the same JVM).
 */
package dev.llmload.accuracy;
