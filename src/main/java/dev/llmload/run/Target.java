package dev.llmload.run;

import dev.llmload.config.LlmSettings;
import dev.llmload.openai.ModelCatalog;
import dev.llmload.openai.ServerProbe;
import dev.llmload.openai.ServerQuirks;
import dev.llmload.openai.TargetException;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.server.ServerSettings;
import dev.llmload.server.ServerTls;
import dev.llmload.server.SimulatedReplicas;
import dev.llmload.server.SimulatedServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The server a run loads, checked before any load: the embedded simulated server when no {@code llm.target.baseUrl}
 * is set, else the configured one; the model picked from its list; a probe request that finds refusals and how it
 * streams. With several base URLs of the model ({@code llm.target.baseUrls}, or {@code llm.server.replicas} embedded
 * servers) every replica is checked the same way, and a replica that cannot be used is named in the failure.
 *
 * @param baseUrl the base URL, the first replica's when there are several
 * @param server the embedded server, when the run started one (stopped by {@link #stopServer()}); the first replica's
 * @param quirks how the server streams, null when the probe could not tell (the run goes on); the first replica's
 * @param baseUrls every replica's base URL, in order; {@code baseUrl} first
 * @param servers every embedded server the run started, in the order of {@code baseUrls}; empty for a real target
 */
public record Target(URI baseUrl, String model, String requestUrl, ServerQuirks quirks, SimulatedServer server, List<URI> baseUrls,
    List<SimulatedServer> servers) {

  private static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(30);

  /** A target of one base URL. */
  public Target(URI baseUrl, String model, String requestUrl, ServerQuirks quirks, SimulatedServer server) {
    this(baseUrl, model, requestUrl, quirks, server, List.of(baseUrl), server == null ? List.of() : List.of(server));
  }

  public Target {
    baseUrls = List.copyOf(baseUrls);
    servers = List.copyOf(servers);
    if (baseUrls.isEmpty() || !baseUrls.get(0).equals(baseUrl)) {
      throw new IllegalArgumentException("baseUrl must be the first of baseUrls, was " + baseUrl + " and " + baseUrls);
    }
  }

  /**
   * Starts the embedded server (or its replicas) or reaches the configured one(s), picks the model and probes it.
   *
   * @throws TargetException with one sentence for the user when the target cannot be used (the embedded servers,
   *     if started, are stopped)
   */
  public static Target prepare(LlmSettings settings, ConsoleReporter console) {
    List<SimulatedServer> servers = List.of();
    List<URI> baseUrls;
    if (settings.target().embedded()) {
      ServerSettings serverSettings = ServerSettings.fromConfig(settings.server());
      int replicas = SimulatedReplicas.count(settings.server());
      try {
        servers = SimulatedReplicas.start(serverSettings, ServerTls.fromConfig(settings.server()), replicas);
      } catch (IllegalStateException e) {
        throw new TargetException(e.getMessage()); // its port is in use: the sentence names the address and the fix
      }
      baseUrls = servers.stream().map(s -> URI.create(s.baseUrl())).toList();
      if (replicas == 1) {
        console.info("no llm.target.baseUrl set: started the embedded simulated server at " + servers.get(0).baseUrl() + " (preset "
            + servers.get(0).settings().preset() + ")");
      } else {
        console.info("no llm.target.baseUrl set: started " + replicas + " embedded simulated servers (llm.server.replicas) at "
            + baseUrls.stream().map(URI::toString).collect(Collectors.joining(", ")) + " (preset " + serverSettings.preset() + ")");
      }
    } else {
      baseUrls = settings.target().baseUrls();
    }
    try {
      return baseUrls.size() == 1 ? preflight(settings, console, baseUrls.get(0), servers.isEmpty() ? null : servers.get(0))
          : preflightReplicas(settings, console, baseUrls, servers);
    } catch (RuntimeException e) {
      servers.forEach(SimulatedServer::close);
      throw e;
    }
  }

  private static Target preflight(LlmSettings settings, ConsoleReporter console, URI baseUrl, SimulatedServer server) {
    if (settings.target().tls().insecure()) {
      console.info("WARNING: llm.target.insecureTls=true: the target's certificate is not checked");
    }
    List<String> served = ModelCatalog.fetch(baseUrl, settings.target().apiKey(), settings.target().tls(), PREFLIGHT_TIMEOUT);
    String model = ModelCatalog.choose(settings.target().model(), served, baseUrl);
    ServerProbe.Result probe = probe(settings, baseUrl, model);
    console.info(probe.quirks() != null ? "server: " + ServerProbe.describe(probe.quirks()) : "WARNING: " + probe.warning() + " (the run goes on)");
    return new Target(baseUrl, model, baseUrl + settings.target().api().path(), probe.quirks(), server);
  }

  /**
   * Every replica answers its model list, serves the model (the configured one, else the first replica's first) and
   * takes the probe request; the first replica that does not fails the run, named: "replica 2 of 3, http://...: ...".
   */
  private static Target preflightReplicas(LlmSettings settings, ConsoleReporter console, List<URI> baseUrls, List<SimulatedServer> servers) {
    if (settings.target().tls().insecure()) {
      console.info("WARNING: llm.target.insecureTls=true: the target's certificate is not checked");
    }
    String model = null;
    ServerQuirks quirks = null;
    for (int i = 0; i < baseUrls.size(); i++) {
      URI baseUrl = baseUrls.get(i);
      String replica = "replica " + (i + 1) + " of " + baseUrls.size() + ", " + baseUrl;
      try {
        List<String> served = ModelCatalog.fetch(baseUrl, settings.target().apiKey(), settings.target().tls(), PREFLIGHT_TIMEOUT);
        if (model == null) {
          model = ModelCatalog.choose(settings.target().model(), served, baseUrl);
        } else if (!served.isEmpty() && !served.contains(model)) {
          throw new TargetException("it does not serve model \"" + model + "\" (it offers: " + String.join(", ", served)
              + "); every replica in llm.target.baseUrls must serve the model the run loads.");
        }
        ServerProbe.Result probe = probe(settings, baseUrl, model);
        if (i == 0) {
          quirks = probe.quirks();
          console.info(quirks != null ? "server: " + ServerProbe.describe(quirks) : "WARNING: " + replica + ": " + probe.warning()
              + " (the run goes on)");
        } else if (probe.quirks() == null) {
          console.info("WARNING: " + replica + ": " + probe.warning() + " (the run goes on)");
        } else if (!probe.quirks().equals(quirks)) {
          console.info("WARNING: " + replica + " streams differently from replica 1: " + ServerProbe.describe(probe.quirks()));
        }
      } catch (TargetException e) {
        throw new TargetException(replica + ": " + forReplicas(e.getMessage()));
      }
    }
    return new Target(baseUrls.get(0), model, baseUrls.get(0) + settings.target().api().path(), quirks,
        servers.isEmpty() ? null : servers.get(0), baseUrls, servers);
  }

  private static ServerProbe.Result probe(LlmSettings settings, URI baseUrl, String model) {
    Duration probeTimeout = settings.timeouts().request().compareTo(PREFLIGHT_TIMEOUT) < 0 ? settings.timeouts().request() : PREFLIGHT_TIMEOUT;
    return ServerProbe.probe(baseUrl, settings.target().api(), model, settings.request(), settings.target().apiKey(),
        settings.target().tls(), probeTimeout);
  }

  /**
   * A single target's failure sentence, worded for one replica among several: it continues "replica 2 of 3, url: ",
   * so it starts in lower case, and the key to check is {@code llm.target.baseUrls}.
   */
  static String forReplicas(String message) {
    String m = message.replaceAll("llm\\.target\\.baseUrl\\b", "llm.target.baseUrls");
    boolean capitalWord = m.length() > 1 && Character.isUpperCase(m.charAt(0)) && Character.isLowerCase(m.charAt(1));
    return capitalWord ? Character.toLowerCase(m.charAt(0)) + m.substring(1) : m;
  }

  public Optional<SimulatedServer> embedded() {
    return Optional.ofNullable(server);
  }

  /** Stops the embedded servers, if any. */
  public void stopServer() {
    servers.forEach(SimulatedServer::close);
  }
}
