package dev.llmload.gatling;

import dev.llmload.gatling.internal.GatlingHooks;
import dev.llmload.metrics.FailureKind;
import dev.llmload.openai.TransportFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Run before any load: every Gatling internal the measurement relies on is in place, and the failure texts of Gatling's
 * HTTP client still read the way {@link CrashMessages} parses them. A Gatling upgrade that breaks one stops the run with one
 * sentence naming the hook and the version, instead of letting timeouts go unenforced or every failure be filed as
 * {@code transport_error}.
 */
final class GatlingSelfCheck {

  private GatlingSelfCheck() {}

  /** @throws GatlingHooksMissing naming every hook that is missing */
  static void verify() {
    List<String> missing = missing(hooks());
    if (!missing.isEmpty()) {
      throw new GatlingHooksMissing(message(GatlingHooks.gatlingVersion(), missing));
    }
  }

  static List<String> missing(List<GatlingHooks.Hook> hooks) {
    return GatlingHooks.missing(hooks);
  }

  static String message(String version, List<String> missing) {
    return "llm-loadtest reaches into Gatling " + GatlingHooks.TESTED_WITH + ".x internals that Gatling " + version
        + " does not have (" + String.join("; ", missing) + "); use the Gatling version in the project's pom.xml";
  }

  /** Gatling's internals plus its failure texts. */
  static List<GatlingHooks.Hook> hooks() {
    List<GatlingHooks.Hook> all = new ArrayList<>(GatlingHooks.all());
    all.add(new GatlingHooks.Hook("failure text of a connection closed under the request (stream_cut)", () -> {
      String text = io.gatling.http.client.impl.PrematureCloseException.INSTANCE.getMessage();
      return expect(CrashMessages.parse(text, "t", CrashMessages.Progress.MESSAGES), FailureKind.STREAM_CUT, text);
    }));
    all.add(new GatlingHooks.Hook("failure text of a request timeout (timeout)", () -> {
      var constructor = io.gatling.http.client.impl.RequestTimeoutException.class.getDeclaredConstructor(long.class,
          java.net.InetSocketAddress.class);
      constructor.setAccessible(true);
      String text = constructor.newInstance(1000L, new java.net.InetSocketAddress("127.0.0.1", 8000)).getMessage();
      return expect(CrashMessages.parse(text, "t", CrashMessages.Progress.NOTHING), FailureKind.TIMEOUT, text);
    }));
    return all;
  }

  private static TransportFailure expect(TransportFailure parsed, FailureKind kind, String text) {
    if (parsed.failureKind() != kind) {
      throw new IllegalStateException("'" + text + "' now reads as " + parsed.kind() + ", not " + kind.wireName());
    }
    return parsed;
  }

  /** Gatling on the class path lacks a hook: a setup problem, reported like a configuration error. */
  static final class GatlingHooksMissing extends RuntimeException {
    GatlingHooksMissing(String message) {
      super(message);
    }
  }
}
