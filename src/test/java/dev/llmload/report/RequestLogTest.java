package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.metrics.FailureKind;
import dev.llmload.metrics.Records;
import dev.llmload.metrics.RequestRecord;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLogTest {

  @TempDir
  Path dir;

  private static final RequestRecord OK = Records.successful().id("req-1").level(2).inFlight(7).send(1_000_000)
      .chunks(1_050_000, 1_070_000, 1_090_000).end(1_091_000).usage(17, 3).build();
  private static final RequestRecord FAILED = Records.errored("error_event", "line one\nline \"two\" \u00e9").id("req-2").warmup()
      .send(2_000_000).end(2_000_500).build();

  /** RequestRecord holds an array, so its equals() compares identity: compare component by component. */
  private static void assertSameRecord(RequestRecord expected, RequestRecord actual) throws ReflectiveOperationException {
    for (RecordComponent c : RequestRecord.class.getRecordComponents()) {
      Object e = c.getAccessor().invoke(expected);
      Object a = c.getAccessor().invoke(actual);
      assertTrue(Objects.deepEquals(e, a), c.getName() + ": expected " + e + " but was " + a);
    }
  }

  @Test
  void appendedRecordsReadBackUnchangedOnePerLine() throws Exception {
    Path file = dir.resolve(RequestLog.FILE_NAME);
    try (RequestLog log = new RequestLog(file)) {
      log.append(OK);
      log.append(FAILED);
    }

    assertEquals(2, Files.readAllLines(file).size(), "a message with a newline stays on one line");
    List<RequestRecord> back = RequestLog.read(file);
    assertEquals(2, back.size());
    assertSameRecord(OK, back.get(0));
    assertSameRecord(FAILED, back.get(1));
  }

  @Test
  void aLineWrittenBeforeReSendsAndLabelsExistedStillReads() throws Exception {
    // the shape of requests.jsonl before connectionRetries, resendMicros and labels
    String old = "{\"requestId\":\"r-1\",\"level\":0,\"warmup\":false,\"inFlightAtSend\":1,\"scheduledMicros\":-1,"
        + "\"sendMicros\":10,\"headersMicros\":-1,\"chunkMicros\":[20,30],\"endMicros\":31,\"outcome\":\"successful\","
        + "\"errorKind\":null,\"errorMessage\":null,\"promptTokens\":5,\"completionTokens\":2,\"finishReason\":\"length\","
        + "\"httpStatus\":200,\"malformedChunks\":0,\"malformedSample\":null,\"endpoint\":\"http://127.0.0.1:8000/v1\"}";
    Path file = dir.resolve(RequestLog.FILE_NAME);
    java.nio.file.Files.writeString(file, old + "\n");
    RequestRecord r = RequestLog.read(file).get(0);
    assertEquals(0, r.connectionRetries());
    assertEquals(-1, r.resendMicros());
    assertEquals(java.util.Map.of(), r.labels());
    assertEquals(20, r.chunkMicros()[0]);
    assertEquals(-1, r.cachedPromptTokens(), "written before cached tokens were recorded: unknown, not 0");
  }

  @Test
  void cachedPromptTokensReadBackAsWrittenZeroIncluded() throws Exception {
    Path file = dir.resolve(RequestLog.FILE_NAME);
    try (RequestLog log = new RequestLog(file)) {
      log.append(Records.successful().id("c1").send(1).chunks(5).usage(40, 1).cached(32).build());
      log.append(Records.successful().id("c2").send(1).chunks(5).usage(40, 1).cached(0).build());
      log.append(Records.successful().id("c3").send(1).chunks(5).usage(40, 1).build());
    }
    assertEquals(List.of(32, 0, -1), RequestLog.read(file).stream().map(RequestRecord::cachedPromptTokens).toList());
  }

  @Test
  void requestedLengthsAreKeptAndALineWithoutThemReadsAsNoneRequested() throws Exception {
    Path file = dir.resolve(RequestLog.FILE_NAME);
    try (RequestLog log = new RequestLog(file)) {
      log.append(dev.llmload.metrics.Records.successful().send(10).chunks(20, 30).usage(512, 2).requested(512, 2).build());
    }
    String line = Files.readAllLines(file).get(0);
    assertTrue(line.contains("\"requestedInputTokens\":512") && line.contains("\"requestedOutputTokens\":2"), line);
    RequestRecord back = RequestLog.read(file).get(0);
    assertEquals(512, back.requestedInputTokens());
    assertEquals(2, back.requestedOutputTokens());
    String old = line.replace(",\"requestedInputTokens\":512", "").replace(",\"requestedOutputTokens\":2", "");
    Files.writeString(file, old + "\n");
    RequestRecord withoutFields = RequestLog.read(file).get(0);
    assertEquals(-1, withoutFields.requestedInputTokens());
    assertEquals(-1, withoutFields.requestedOutputTokens());
  }

  @Test
  void eachRecordIsOnDiskAsSoonAsItIsAppended() throws Exception {
    Path file = dir.resolve(RequestLog.FILE_NAME);
    try (RequestLog log = new RequestLog(file)) {
      log.append(OK);
      assertEquals(1, RequestLog.read(file).size(), "flushed before close: a run that dies keeps what it measured");
    }
  }

  @Test
  void outcomeIsWrittenInLowerCase() throws Exception {
    Path file = dir.resolve(RequestLog.FILE_NAME);
    try (RequestLog log = new RequestLog(file)) {
      log.append(FAILED);
    }
    String line = Files.readString(file);
    assertTrue(line.contains("\"outcome\":\"errored\""), line);
    assertTrue(line.contains("\"chunkMicros\":[]"), line);
    assertTrue(line.contains("\"errorKind\":\"error_event\""), "the failure kind by its wire name: " + line);
    assertFalse(line.contains("failureKind"), "the enum is read from errorKind, not written beside it: " + line);
  }

  @Test
  void aFailureKindThisVersionDoesNotKnowStillReads() throws Exception {
    Path file = dir.resolve(RequestLog.FILE_NAME);
    try (RequestLog log = new RequestLog(file)) {
      log.append(FAILED);
    }
    Files.writeString(file, Files.readString(file).replace("error_event", "kind_of_a_later_version"));

    RequestRecord back = RequestLog.read(file).get(0);
    assertEquals("kind_of_a_later_version", back.errorKind(), "kept as written");
    assertEquals(Optional.of(FailureKind.UNKNOWN), back.failureKind());
    assertEquals(Optional.of(FailureKind.ERROR_EVENT), FAILED.failureKind());
    assertEquals(Optional.empty(), OK.failureKind(), "a successful request has no failure kind");
  }

  @Test
  void tornLastLineIsSkipped() throws Exception {
    Path file = dir.resolve(RequestLog.FILE_NAME);
    try (RequestLog log = new RequestLog(file)) {
      log.append(OK);
      log.append(FAILED);
    }
    Files.writeString(file, "{\"requestId\":\"req-3\",\"level\":0,\"warm", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    List<RequestRecord> back = RequestLog.read(file);
    assertEquals(2, back.size());
    assertSameRecord(FAILED, back.get(1));
  }

  @Test
  void reopeningAppends() throws Exception {
    Path file = dir.resolve(RequestLog.FILE_NAME);
    try (RequestLog log = new RequestLog(file)) {
      log.append(OK);
    }
    try (RequestLog log = new RequestLog(file)) {
      log.append(FAILED);
    }
    assertEquals(List.of("req-1", "req-2"), RequestLog.read(file).stream().map(RequestRecord::requestId).toList());
  }

  @Test
  void blankLinesAreIgnored() throws Exception {
    Path file = dir.resolve(RequestLog.FILE_NAME);
    try (RequestLog log = new RequestLog(file)) {
      log.append(OK);
    }
    Files.writeString(file, "\n\n", StandardOpenOption.APPEND);
    assertEquals(1, RequestLog.read(file).size());
  }

  @Test
  void aBrokenLineBeforeTheEndIsAnErrorNamingTheLine() throws Exception {
    Path file = dir.resolve(RequestLog.FILE_NAME);
    try (RequestLog log = new RequestLog(file)) {
      log.append(OK);
    }
    Files.writeString(file, "not a record\n", StandardOpenOption.APPEND);
    try (RequestLog log = new RequestLog(file)) {
      log.append(FAILED);
    }

    IOException e = assertThrows(IOException.class, () -> RequestLog.read(file));
    assertTrue(e.getMessage().startsWith(file + " line 2 is not a request record: "), e.getMessage());
  }

  @Test
  void outputTextCountsReadBackAndALineWithoutThemReadsAsUncounted() throws Exception {
    Path file = dir.resolve(RequestLog.FILE_NAME);
    try (RequestLog log = new RequestLog(file)) {
      log.append(dev.llmload.metrics.Records.successful().send(10).chunks(20, 30).usage(5, 2).text(12, 2, 1).build());
    }
    String line = Files.readAllLines(file).get(0);
    assertTrue(line.contains("\"outputChars\":12,\"outputWords\":2,\"outputDistinctWords\":1"), line);
    RequestRecord back = RequestLog.read(file).get(0);
    assertEquals(List.of(12, 2, 1), List.of(back.outputChars(), back.outputWords(), back.outputDistinctWords()));
    Files.writeString(file, line.replace(",\"outputChars\":12,\"outputWords\":2,\"outputDistinctWords\":1", "") + "\n");
    RequestRecord old = RequestLog.read(file).get(0);
    assertEquals(List.of(-1, -1, -1), List.of(old.outputChars(), old.outputWords(), old.outputDistinctWords()),
        "written before the text was counted: unknown, not an empty reply");
    assertFalse(old.hasOutputText());
  }
}
