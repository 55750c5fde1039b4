/**
 * Fault injection: the kinds of fault, the rules and specs that ask for them, and the deterministic choice of at
 * most one fault per request.
 */
package dev.llmload.server.faults;
