package dev.llmload.workload.datasets;

import dev.llmload.config.ConfigException;
import dev.llmload.config.DatasetFormat;
import dev.llmload.config.RequestSettings;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a configured dataset whole, once: the requests it holds, each labelled {@code dataset=<file name>}. */
public final class Datasets {

  static final String KEY = "llm.request.dataset";

  private Datasets() {}

  /**
   * The dataset's requests, in file order, as an immutable list.
   *
   * @throws ConfigException naming {@code llm.request.dataset} when the file cannot be read, a record is malformed or
   *     the file holds no record
   */
  public static List<PlannedRequest> read(RequestSettings.Dataset dataset) {
    DatasetReader reader = switch (dataset.format()) {
      case JSONL -> new JsonlReader();
      case SHAREGPT -> new ShareGptReader();
      case CSV -> new CsvReader(dataset.column());
      case AUTO -> throw new IllegalArgumentException("the dataset format must be resolved");
    };
    return read(dataset, reader);
  }

  /**
   * A ShareGPT dataset's conversations for multi-turn chat ({@code llm.request.conversation.turnsFrom = dataset}), in
   * file order: each one a request whose messages are its system turn (if any) and then every human turn, in order, as
   * user messages - the recorded replies are left out.
   *
   * @throws ConfigException naming {@code llm.request.conversation.turnsFrom} when the dataset is not ShareGPT, and as
   *     {@link #read} for a file that cannot be read or holds a malformed record
   */
  public static List<PlannedRequest> readConversations(RequestSettings.Dataset dataset) {
    if (dataset.format() != DatasetFormat.SHAREGPT) {
      throw ConfigException.invalid("llm.request.conversation.turnsFrom", "dataset", "takes the conversations of a ShareGPT "
          + "llm.request.dataset, and " + dataset.name() + " is " + dataset.format().configName() + "; use a ShareGPT file, or turnsFrom = prompts");
    }
    return read(dataset, new ShareGptReader(true));
  }

  private static List<PlannedRequest> read(RequestSettings.Dataset dataset, DatasetReader reader) {
    List<PlannedRequest> read;
    try (Reader in = Files.newBufferedReader(dataset.file(), StandardCharsets.UTF_8)) {
      read = reader.read(dataset.name(), in);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw DatasetReader.malformed(dataset.name(), "", "is not UTF-8 text");
    } catch (IOException e) {
      throw DatasetReader.malformed(dataset.name(), "", "cannot be read (" + e.getMessage() + ")");
    }
    if (read.isEmpty()) {
      throw DatasetReader.malformed(dataset.name(), "", "holds no prompt (the dataset is empty)");
    }
    Map<String, String> labels = Map.of("dataset", dataset.file().getFileName().toString());
    List<PlannedRequest> labelled = new ArrayList<>(read.size());
    for (PlannedRequest r : read) {
      labelled.add(new PlannedRequest(r.prompt(), labels, r.messages()));
    }
    return List.copyOf(labelled);
  }
}
