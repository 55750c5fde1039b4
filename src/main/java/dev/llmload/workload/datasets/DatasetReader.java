package dev.llmload.workload.datasets;

import dev.llmload.config.ConfigException;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Reads one dataset format into requests (without labels), in file order. A malformed record fails the whole read
 * with one {@link ConfigException} naming {@code llm.request.dataset}, the file, where (line or record) and what is
 * wrong; blank lines are skipped.
 */
interface DatasetReader {

  /**
   * @param name the file as configured, for messages (e.g. {@code datasets/my.jsonl})
   * @param in the file's text
   */
  List<PlannedRequest> read(String name, Reader in) throws IOException;

  /** The one sentence every malformed record fails with: {@code llm.request.dataset: <name> <where>: <problem>}. */
  static ConfigException malformed(String name, String where, String problem) {
    return new ConfigException(Datasets.KEY, name + (where.isEmpty() ? "" : " " + where) + ": " + problem);
  }
}
