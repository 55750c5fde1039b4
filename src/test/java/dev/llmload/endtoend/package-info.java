/**
 * End-to-end tests: the simulations run in-process (or in a separate JVM) against the embedded simulated server,
 * checked against the server's ground truth; every test has a deadline.
 */
package dev.llmload.endtoend;
