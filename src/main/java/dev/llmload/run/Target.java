package dev.llmload.run;

import dev.llmload.config.LlmSettings;
import dev.llmload.openai.ModelCatalog;
import dev.llmload.openai.ServerProbe;
import dev.llmload.openai.ServerQuirks;
import dev.llmload.openai.TargetException;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.server.ServerSettings;
import dev.llmload.server.ServerTls;
import dev.llmload.server.SimulatedServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The server a run loads, checked before any load: the embedded simulated server when no {@code llm.target.baseUrl}
 * is set, else the configured one; the model picked from its list; a probe request that finds refusals and how it
 * streams.
 *
 * @param server the embedded server, when the run started one (stopped by {@link #stopServer()})
 * @param quirks how the server streams, null when the probe could not tell (the run goes on)
 */
public record Target(URI baseUrl, String model, String requestUrl, ServerQuirks quirks, SimulatedServer server) {

  private static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Starts the embedded server or reaches the configured one, picks the model and probes it.
   *
   * @throws TargetException with one sentence for the user when the target cannot be used (the embedded server,
   *     if started, is stopped)
   */
  public static Target prepare(LlmSettings settings, ConsoleReporter console) {
    SimulatedServer server = null;
    URI baseUrl;
    if (settings.target().embedded()) {
      server = SimulatedServer.start(ServerSettings.fromConfig(settings.server()), ServerTls.fromConfig(settings.server()));
      console.info("no llm.target.baseUrl set: started the embedded simulated server at " + server.baseUrl() + " (preset "
          + server.settings().preset() + ")");
      baseUrl = URI.create(server.baseUrl());
    } else {
      baseUrl = settings.target().baseUrl().orElseThrow();
    }
    try {
      return preflight(settings, console, baseUrl, server);
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      }
      throw e;
    }
  }

  private static Target preflight(LlmSettings settings, ConsoleReporter console, URI baseUrl, SimulatedServer server) {
    if (settings.target().tls().insecure()) {
      console.info("WARNING: llm.target.insecureTls=true: the target's certificate is not checked");
    }
    List<String> served = ModelCatalog.fetch(baseUrl, settings.target().apiKey(), settings.target().tls(), PREFLIGHT_TIMEOUT);
    String model = ModelCatalog.choose(settings.target().model(), served, baseUrl);
    Duration probeTimeout = settings.timeouts().request().compareTo(PREFLIGHT_TIMEOUT) < 0 ? settings.timeouts().request() : PREFLIGHT_TIMEOUT;
    ServerProbe.Result probe = ServerProbe.probe(baseUrl, settings.target().api(), model, settings.request(), settings.target().apiKey(),
        settings.target().tls(), probeTimeout);
    console.info(probe.quirks() != null ? "server: " + ServerProbe.describe(probe.quirks()) : "WARNING: " + probe.warning() + " (the run goes on)");
    return new Target(baseUrl, model, baseUrl + settings.target().api().path(), probe.quirks(), server);
  }

  public Optional<SimulatedServer> embedded() {
    return Optional.ofNullable(server);
  }

  /** Stops the embedded server, if any. */
  public void stopServer() {
    if (server != null) {
      server.close();
    }
  }
}
