package dev.llmload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.gatling.Launch;
import dev.llmload.metrics.Outcome;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.report.RequestLog;
import dev.llmload.simulations.ConstantConcurrency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with {@code llm.request.dataset}: the requests take the dataset's records in turn (a plain prompt and a chat
 * conversation among them), and each record's request reaches the server - told apart by its prompt's size.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DatasetEndToEndTest {

  /** Three records of clearly different sizes (the simulator counts about one token per 4 letters of each word). */
  private static final String DATASET = """
      {"prompt": "Why is the sky blue?"}

      {"messages": [{"role": "system", "content": "You answer in one sentence."}, {"role": "user", "content": "%s"}]}
      {"prompt": "%s"}
      """.formatted("Explain how a continuous batching server schedules requests. ".repeat(4),
      "Summarise the history of the printing press in detail, with dates and names. ".repeat(12));

  @TempDir
  Path dir;

  private List<RequestRecord> run(String config) throws Exception {
    Path userFiles = Files.createDirectories(dir.resolve("user-files"));
    Files.createDirectories(userFiles.resolve("datasets"));
    Files.writeString(userFiles.resolve("datasets/three.jsonl"), DATASET);
    Files.writeString(userFiles.resolve("workload.conf"), "llm {\n" + config + "\n}\n");
    int status = InProcessGatling.run(ConstantConcurrency.class, dir.resolve("gatling"), Map.of(
        "llm.userFiles", userFiles.toString(),
        "llm.profile", "workload",
        "llm.report.dir", dir.resolve("reports").toString()));
    assertEquals(0, status);
    return RequestLog.read(Launch.current().reportPath().resolve(RequestLog.FILE_NAME));
  }

  @Test
  void everyRecordOfTheDatasetReachesTheServer() throws Exception {
    List<RequestRecord> records = run("""
        workload { concurrency = 2, duration = 2s, warmup = 0s }
        request { maxTokens = 8, dataset = datasets/three.jsonl }""");
    assertTrue(records.size() >= 6, "at least two rounds of the dataset: " + records.size());
    assertTrue(records.stream().allMatch(r -> r.outcome() == Outcome.SUCCESSFUL), records.toString());
    assertTrue(records.stream().allMatch(r -> r.labels().equals(Map.of("dataset", "three.jsonl"))), records.toString());
    Set<Integer> promptTokens = new TreeSet<>(records.stream().map(RequestRecord::promptTokens).toList());
    assertEquals(3, promptTokens.size(), "one prompt size per record (unique tags are all the same size): " + promptTokens);
  }
}
