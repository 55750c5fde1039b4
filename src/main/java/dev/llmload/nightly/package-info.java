/** What a nightly job asks of a finished run: checks (gates, the baseline) that pass or fail it, their JUnit XML, history. */
package dev.llmload.nightly;
