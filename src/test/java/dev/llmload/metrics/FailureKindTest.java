package dev.llmload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FailureKindTest {

  /**
   * The wire names {@code requests.jsonl} and {@code summary.json} have always held: renaming one would make old files
   * read differently.
   */
  @Test
  void wireNamesAreThePublishedOnes() {
    assertEquals(List.of("http_error", "rate_limited", "error_event", "stream_cut", "stream_restarted", "timeout", "connection_refused",
            "protocol_error", "empty_response", "transport_error", "malformed_chunk", "unknown"),
        Arrays.stream(FailureKind.values()).map(FailureKind::wireName).toList());
  }

  /**
   * README "During the load" lists every kind, in this order, with its meaning and nothing else. The first column is
   * one code span (the wire name); the meaning cell is compared after {@link ReadmeTable}'s normalisation (trimmed,
   * markdown emphasis outside code spans dropped, backticks kept).
   */
  @Test
  void readmeTableIsThisEnum() {
    String expected = Arrays.stream(FailureKind.values()).map(k -> k.wireName() + " | " + k.meaning()).collect(Collectors.joining("\n"));
    String readme = ReadmeTable.rows("### During the load").stream().map(r -> {
      assertEquals(2, r.size(), "two cells: " + r);
      return ReadmeTable.code(r.get(0)) + " | " + r.get(1);
    }).collect(Collectors.joining("\n"));
    assertEquals(expected, readme);
  }

  @Test
  void meaningsAreOneLineWithBalancedCodeSpans() {
    for (FailureKind k : FailureKind.values()) {
      assertTrue(!k.meaning().isBlank() && !k.meaning().contains("\n") && !k.meaning().contains("|"), k.name());
      assertEquals(0, k.meaning().chars().filter(c -> c == '`').count() % 2, k + ": unbalanced backticks");
    }
  }

  @Test
  void fromWireNameRefusesANameThatIsNoKind() {
    assertEquals(FailureKind.STREAM_CUT, FailureKind.fromWireName("stream_cut"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FailureKind.fromWireName("STREAM_CUT"));
    assertTrue(e.getMessage().startsWith("failure kind must be one of http_error, rate_limited, "), e.getMessage());
    assertTrue(e.getMessage().endsWith(", was \"STREAM_CUT\""), e.getMessage());
  }

  @Test
  void readTakesWhatAFileHoldsAndNeverFails() {
    assertEquals(FailureKind.TIMEOUT, FailureKind.read("timeout"));
    assertEquals(FailureKind.UNKNOWN, FailureKind.read(null));
    assertEquals(FailureKind.UNKNOWN, FailureKind.read("kind_of_a_later_version"));
  }
}
