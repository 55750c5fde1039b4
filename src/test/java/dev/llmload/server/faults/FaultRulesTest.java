package dev.llmload.server.faults;

import static dev.llmload.server.faults.FaultPicker.Arrival.FRESH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pure fault pieces: specs, rules tried in order, per-request rolls, stale-connection drops. */
class FaultRulesTest {

  @Test
  void faultSpecsParseAndFailClearly() {
    assertEquals(FaultRule.always(FaultKind.CUT).withAfterTokens(5),
        FaultRule.fromModelName("fault/cut/after=5").orElseThrow());
    assertEquals(FaultRule.always(FaultKind.STALL_MID_STREAM).withAfterTokens(3).withStallMillis(2_000)
        .withProbability(0.1), FaultRule.parseSpec("stall-mid-stream/after=3/stallMs=2000/p=0.1"));
    assertEquals(Optional.empty(), FaultRule.fromModelName("sim-fast"));
    FaultRule rule = FaultRule.forModel("m", FaultKind.MALFORMED_CHUNK).withAfterTokens(2);
    assertEquals(rule.withProbability(1.0), FaultRule.parseSpec(rule.toSpec()).withModel("m"));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> FaultRule.parseSpec("cut/later=3"));
    assertTrue(unknown.getMessage().contains("unknown parameter 'later'"), unknown.getMessage());
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> FaultRule.parseSpec("cut/p=2"));
    assertTrue(p.getMessage().contains("fault probability must be between 0 and 1, was 2.0"), p.getMessage());
  }

  @Test
  void faultPickerTriesRulesInOrderAndRollsPerRequest() {
    FaultPicker picker = new FaultPicker(List.of(
        FaultRule.forModel("a", FaultKind.HTTP_429),
        FaultRule.always(FaultKind.HTTP_500).withProbability(0.3)), 42);
    assertEquals(FaultKind.HTTP_429, picker.pick("a", Optional.empty(), "r1", 1, FRESH).orElseThrow().kind());
    long hits = IntStream.range(0, 10_000)
        .filter(i -> picker.pick("b", Optional.empty(), "r" + i, 1, FRESH).isPresent()).count();
    assertEquals(3_000, hits, 300);
    assertEquals(picker.pick("b", Optional.empty(), "same", 1, FRESH),
        picker.pick("b", Optional.empty(), "same", 1, FRESH));
    FaultRule requested = FaultRule.always(FaultKind.CUT);
    assertEquals(Optional.of(requested), picker.pick("a", Optional.of(requested), "r1", 1, FRESH),
        "a requested fault replaces the rules");
  }

  @Test
  void staleConnectionAppliesOnlyToReusedConnectionsAndADroppedRequestRollsAgain() {
    FaultRule stale = FaultRule.always(FaultKind.STALE_CONNECTION).withProbability(0.3);
    FaultPicker picker = new FaultPicker(List.of(stale, FaultRule.always(FaultKind.HTTP_500)), 42);
    FaultPicker.Arrival reused = new FaultPicker.Arrival(true, 0);
    assertEquals(FaultKind.HTTP_500, picker.pick("m", Optional.empty(), "r1", 1, FRESH).orElseThrow().kind(),
        "skipped on a fresh connection: the next rule applies");
    long hits = IntStream.range(0, 10_000)
        .filter(i -> picker.pick("m", Optional.empty(), "r" + i, 1, reused).orElseThrow().equals(stale)).count();
    assertEquals(3_000, hits, 300);
    // A dropped request keeps its attempt number; its re-sends roll afresh, so about 30 % of them hit again.
    long again = IntStream.range(0, 10_000)
        .filter(i -> picker.pick("m", Optional.empty(), "r" + i, 1, reused).orElseThrow().equals(stale))
        .filter(i -> picker.pick("m", Optional.empty(), "r" + i, 1, new FaultPicker.Arrival(true, 1))
            .orElseThrow().equals(stale))
        .count();
    assertEquals(0.3 * hits, again, 0.1 * hits);
    FaultRule requested = FaultRule.always(FaultKind.STALE_CONNECTION);
    assertEquals(Optional.empty(), picker.pick("m", Optional.of(requested), "r1", 1, FRESH));
    assertEquals(Optional.of(requested), picker.pick("m", Optional.of(requested), "r1", 1, reused));
    assertEquals(FaultKind.STALE_CONNECTION, FaultRule.parseSpec("stale-connection/p=0.3").kind());
  }

  @Test
  void staleDropsAreCountedPerIdAndBounded() {
    StaleDrops drops = new StaleDrops(2);
    drops.dropped("a");
    drops.dropped("a");
    drops.dropped("b");
    assertEquals(2, drops.count("a"));
    drops.dropped("c");
    assertEquals(0, drops.count("a"), "the oldest id dropped is forgotten first");
    assertEquals(1, drops.count("b"));
    assertThrows(IllegalArgumentException.class, () -> new StaleDrops(0));
  }
}
