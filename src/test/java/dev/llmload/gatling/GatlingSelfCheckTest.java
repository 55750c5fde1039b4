package dev.llmload.gatling;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.gatling.internal.GatlingHooks;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every Gatling internal llm-loadtest reaches into is present in the Gatling of the pom: a version bump that breaks
 * one fails this test (and the end-to-end tests that exercise each hook), not the users' numbers.
 */
class GatlingSelfCheckTest {

  @Test
  void everyHookIsInPlaceInThePomsGatling() {
    List<String> missing = GatlingSelfCheck.missing(GatlingSelfCheck.hooks());
    assertEquals(List.of(), missing, GatlingSelfCheck.message(GatlingHooks.gatlingVersion(), missing));
    assertDoesNotThrow(GatlingSelfCheck::verify);
  }

  @Test
  void theHooksCoverEveryInternalTheRunUses() {
    List<String> names = GatlingSelfCheck.hooks().stream().map(GatlingHooks.Hook::name).toList();
    for (String needed : List.of("injection profile", "HTTP engine fields", "pool cleaner", "re-send", "streamed request",
        "connection closed under the request", "request timeout")) {
      assertTrue(names.stream().anyMatch(n -> n.contains(needed)), needed + " in " + names);
    }
  }

  @Test
  void aMissingHookIsNamedWithTheGatlingVersion() {
    GatlingHooks.Hook renamed = new GatlingHooks.Hook("SSE state machine (watchdog, crash text)", () -> {
      throw new NoSuchFieldException("io.gatling.http.action.sse.fsm.SseFsm.currentState");
    });
    List<String> missing = GatlingSelfCheck.missing(List.of(renamed, GatlingSelfCheck.hooks().get(0)));
    assertEquals(1, missing.size());
    String message = GatlingSelfCheck.message("3.16.0", missing);
    assertTrue(message.startsWith("llm-loadtest reaches into Gatling 3.15.x internals that Gatling 3.16.0 does not have (SSE state machine"),
        message);
    assertTrue(message.contains("SseFsm.currentState"), message);
    assertTrue(message.endsWith("use the Gatling version in the project's pom.xml"), message);
  }

  @Test
  void theGatlingVersionIsKnown() {
    assertTrue(GatlingHooks.gatlingVersion().startsWith(GatlingHooks.TESTED_WITH + "."), GatlingHooks.gatlingVersion());
  }
}
