package dev.llmload.workload.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmload.config.ConfigException;
import dev.llmload.config.DatasetFormat;
import dev.llmload.config.RequestSettings;
import dev.llmload.workload.RequestSource.Message;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each format read from a small file, and every kind of malformed file failing with its one sentence. */
class DatasetsTest {

  @TempDir
  Path userFiles;

  private List<PlannedRequest> read(String name, String text) throws Exception {
    Path file = userFiles.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return Datasets.read(new RequestSettings.Dataset(name, file, DatasetFormat.AUTO.resolve(name), "prompt"));
  }

  private String fails(String name, String text) {
    ConfigException e = assertThrows(ConfigException.class, () -> read(name, text));
    assertEquals("llm.request.dataset", e.key());
    return e.getMessage();
  }

  private static final Map<String, String> LABEL = Map.of("dataset", "x.jsonl");

  @Test
  void jsonlHoldsPromptsAndConversationsInFileOrderSkippingBlankLines() throws Exception {
    List<PlannedRequest> r = read("datasets/x.jsonl", """
        {"prompt": "Why is the sky blue?", "id": 1}

        {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]}
        """);
    assertEquals(List.of(
        new PlannedRequest("Why is the sky blue?", LABEL),
        new PlannedRequest("Be brief.\nHi", LABEL, List.of(new Message("system", "Be brief."), new Message("user", "Hi")))), r);
  }

  @Test
  void jsonlFailsAtTheFirstMalformedLine() {
    assertEquals("llm.request.dataset: datasets/x.jsonl line 3: not valid JSON",
        fails("datasets/x.jsonl", "{\"prompt\": \"a\"}\n\n{\"prompt\": \"b\"\n"));
    assertEquals("llm.request.dataset: datasets/x.jsonl line 2: no \"prompt\" or \"messages\"",
        fails("datasets/x.jsonl", "{\"prompt\": \"a\"}\n{\"text\": \"b\"}\n"));
    assertEquals("llm.request.dataset: datasets/x.jsonl line 1: \"prompt\" must be a non-empty string",
        fails("datasets/x.jsonl", "{\"prompt\": 7}\n"));
    assertEquals("llm.request.dataset: datasets/x.jsonl line 1: not a JSON object", fails("datasets/x.jsonl", "[1, 2]\n"));
    assertEquals("llm.request.dataset: datasets/x.jsonl line 1: \"messages\" must be a non-empty list of {\"role\": ..., "
        + "\"content\": ...} objects with text values", fails("datasets/x.jsonl", "{\"messages\": [{\"role\": \"user\"}]}\n"));
  }

  @Test
  void anEmptyDatasetIsAnError() {
    assertEquals("llm.request.dataset: datasets/x.jsonl: holds no prompt (the dataset is empty)", fails("datasets/x.jsonl", "\n  \n"));
    assertEquals("llm.request.dataset: x.json: holds no prompt (the dataset is empty)", fails("x.json", "[]"));
    assertEquals("llm.request.dataset: x.csv: holds no prompt (the dataset is empty)", fails("x.csv", "id,prompt\n"));
    assertEquals("llm.request.dataset: y.csv: holds no prompt (the dataset is empty)", fails("y.csv", ""));
  }

  @Test
  void shareGptTakesEachConversationsFirstHumanTurnWithTheSystemTurnBeforeIt() throws Exception {
    List<PlannedRequest> r = read("sg.json", """
        [
          {"id": "a", "conversations": [{"from": "human", "value": "First?"}, {"from": "gpt", "value": "Yes."},
                                        {"from": "human", "value": "Second?"}]},
          {"id": "b", "conversations": [{"from": "system", "value": "Be brief."}, {"from": "human", "value": "Hi"}]}
        ]
        """);
    Map<String, String> label = Map.of("dataset", "sg.json");
    assertEquals(List.of(
        new PlannedRequest("First?", label, List.of(new Message("user", "First?"))),
        new PlannedRequest("Be brief.\nHi", label, List.of(new Message("system", "Be brief."), new Message("user", "Hi")))), r);
  }

  @Test
  void shareGptFailsWithTheRecordNumber() {
    assertEquals("llm.request.dataset: sg.json record 2: no human turn", fails("sg.json", """
        [{"conversations": [{"from": "human", "value": "Hi"}]}, {"conversations": [{"from": "gpt", "value": "Hello"}]}]"""));
    assertEquals("llm.request.dataset: sg.json record 1: no \"conversations\" list", fails("sg.json", "[{\"id\": 1}]"));
    assertEquals("llm.request.dataset: sg.json record 1: turn 1 needs \"from\" and \"value\" texts",
        fails("sg.json", "[{\"conversations\": [{\"from\": \"human\"}]}]"));
    assertEquals("llm.request.dataset: sg.json: must be a JSON array of conversations", fails("sg.json", "{\"conversations\": []}"));
    assertEquals("llm.request.dataset: sg.json record 1: not valid JSON (line 2)", fails("sg.json", "[{\"conversations\":\n ]"));
  }

  // ---- ShareGPT, all human turns (multi-turn conversations) ----

  private List<PlannedRequest> conversations(String name, String text) throws Exception {
    Path file = userFiles.resolve(name);
    Files.writeString(file, text);
    return Datasets.readConversations(new RequestSettings.Dataset(name, file, DatasetFormat.AUTO.resolve(name), "prompt"));
  }

  @Test
  void shareGptConversationsGiveEveryHumanTurnInOrderAfterTheSystemTurnWithoutTheRecordedReplies() throws Exception {
    List<PlannedRequest> r = conversations("sg.json", """
        [
          {"id": "a", "conversations": [{"from": "system", "value": "Be brief."}, {"from": "human", "value": "First?"},
                                        {"from": "gpt", "value": "Yes."}, {"from": "human", "value": "Second?"},
                                        {"from": "gpt", "value": "No."}, {"from": "system", "value": "late system"},
                                        {"from": "human", "value": "Third?"}]},
          {"id": "b", "conversations": [{"from": "gpt", "value": "Hello!"}, {"from": "human", "value": "Hi"}]}
        ]
        """);
    Map<String, String> label = Map.of("dataset", "sg.json");
    assertEquals(List.of(
        PlannedRequest.ofMessages(List.of(new Message("system", "Be brief."), new Message("user", "First?"), new Message("user", "Second?"),
            new Message("user", "Third?")), label),
        PlannedRequest.ofMessages(List.of(new Message("user", "Hi")), label)), r);
  }

  @Test
  void shareGptConversationsFailOnAnyEmptyHumanTurnWithTheRecordAndTheTurn() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> conversations("sg.json", """
        [{"conversations": [{"from": "human", "value": "Hi"}]},
         {"conversations": [{"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello"}, {"from": "human", "value": " "}]}]"""));
    assertEquals("llm.request.dataset: sg.json record 2: turn 3 (human) is empty", e.getMessage());
    assertEquals("llm.request.dataset: sg.json record 1: no human turn", assertThrows(ConfigException.class,
        () -> conversations("sg.json", "[{\"conversations\": [{\"from\": \"gpt\", \"value\": \"Hello\"}]}]")).getMessage());
    assertEquals("llm.request.dataset: sg.json record 1: turn 2 needs \"from\" and \"value\" texts", assertThrows(ConfigException.class,
        () -> conversations("sg.json", "[{\"conversations\": [{\"from\": \"human\", \"value\": \"Hi\"}, {\"value\": 3}]}]"))
        .getMessage());
    assertEquals("llm.request.dataset: sg.json record 1: not valid JSON (line 1)", assertThrows(ConfigException.class,
        () -> conversations("sg.json", "[{\"conversations\": [}]")).getMessage());
  }

  @Test
  void theFirstTurnModeStillStopsAtTheFirstHumanTurnWhateverFollows() throws Exception {
    List<PlannedRequest> r = read("sg.json", """
        [{"conversations": [{"from": "human", "value": "First?"}, {"from": "human", "value": " "}]}]""");
    assertEquals(List.of(new PlannedRequest("First?", Map.of("dataset", "sg.json"), List.of(new Message("user", "First?")))), r,
        "an empty later human turn does not matter when only the first is sent");
  }

  @Test
  void conversationsNeedAShareGptDataset() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> conversations("x.jsonl", "{\"prompt\": \"a\"}\n"));
    assertEquals("llm.request.conversation.turnsFrom", e.key());
    assertEquals("llm.request.conversation.turnsFrom: invalid value \"dataset\" (takes the conversations of a ShareGPT "
        + "llm.request.dataset, and x.jsonl is jsonl; use a ShareGPT file, or turnsFrom = prompts)", e.getMessage());
  }

  @Test
  void csvTakesThePromptColumnQuotedLineBreaksIncluded() throws Exception {
    List<PlannedRequest> r = read("p.csv", "id,prompt\n1,Why is the sky blue?\n\n2,\"Say \"\"hi\"\",\nthen stop\"\n");
    Map<String, String> label = Map.of("dataset", "p.csv");
    assertEquals(List.of(new PlannedRequest("Why is the sky blue?", label), new PlannedRequest("Say \"hi\",\nthen stop", label)), r);
  }

  @Test
  void csvFailsWithoutItsColumnOrValue() {
    assertEquals("llm.request.dataset: p.csv line 1: no \"prompt\" column (llm.request.datasetColumn) in the header [id, text]",
        fails("p.csv", "id,text\n1,hello\n"));
    assertEquals("llm.request.dataset: p.csv line 3: no \"prompt\" value", fails("p.csv", "id,prompt\n1,hello\n2\n"));
  }

  @Test
  void anUnknownExtensionNeedsAFormat() {
    ConfigException e = assertThrows(ConfigException.class, () -> DatasetFormat.AUTO.resolve("data/x.txt"));
    assertEquals("llm.request.dataset: invalid value \"data/x.txt\" (must end in .jsonl, .json (ShareGPT) or .csv, or "
        + "llm.request.datasetFormat must name the format)", e.getMessage());
    assertEquals(DatasetFormat.CSV, DatasetFormat.CSV.resolve("data/x.txt"));
  }

  @Test
  void theShippedExampleReads() {
    Path file = Path.of("user-files/datasets/example.jsonl");
    List<PlannedRequest> r = Datasets.read(new RequestSettings.Dataset("datasets/example.jsonl", file, DatasetFormat.AUTO.resolve(
        "datasets/example.jsonl"), "prompt"));
    assertEquals(5, r.size());
    assertEquals(2, r.get(2).messages().size(), "a system and a user message");
  }
}
