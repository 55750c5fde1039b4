package dev.llmload.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a comparison needs of one run, read from its folder's {@code summary.json} by {@link RunReader}.
 *
 * @param name how the comparison names the run: its target's name, else its model and where it ran; unique among the
 *     compared runs
 * @param folder the run folder as it was given
 * @param page the run's own {@code index.html}, relative to the comparison's folder (a link that works from
 *     {@code file://}); null until the comparison is written
 * @param targetName {@code target.name} ({@code llm.target.name}), null when the run was not named
 * @param serverPreset the simulated server's preset when {@code embedded}, else null
 * @param maxTokens {@code request.maxTokens}; null when not given
 * @param ignoreEos {@code request.ignoreEos}; null when not given
 * @param sloSet true when the run was measured against SLO limits ({@code summary.json} has {@code slo}); false:
 *     nothing is known about its SLO
 * @param highestLoadWithinSlo its highest load within SLO; null when no SLO was set or no level met it
 * @param sloLimits the SLO limits the run was judged by ({@code slo.limits}, as written); null when not known
 */
public record ComparedRun(
    String name,
    String folder,
    String page,
    String simulation,
    String runId,
    String startedAt,
    String targetName,
    String model,
    String baseUrl,
    boolean embedded,
    String serverPreset,
    Integer maxTokens,
    Boolean ignoreEos,
    boolean partial,
    String partialReason,
    String stoppedEarly,
    boolean sloSet,
    SloPoint highestLoadWithinSlo,
    JsonNode sloLimits,
    List<ComparedLevel> levels) {

  public ComparedRun {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(simulation, "simulation");
    levels = List.copyOf(levels);
    if (highestLoadWithinSlo != null && !sloSet) {
      throw new IllegalArgumentException("a highest load within SLO needs an SLO, was " + highestLoadWithinSlo + " without one");
    }
  }

  public ComparedRun withName(String newName) {
    return new ComparedRun(newName, folder, page, simulation, runId, startedAt, targetName, model, baseUrl, embedded, serverPreset, maxTokens,
        ignoreEos, partial, partialReason, stoppedEarly, sloSet, highestLoadWithinSlo, sloLimits, levels);
  }

  public ComparedRun withPage(String newPage) {
    return new ComparedRun(name, folder, newPage, simulation, runId, startedAt, targetName, model, baseUrl, embedded, serverPreset, maxTokens,
        ignoreEos, partial, partialReason, stoppedEarly, sloSet, highestLoadWithinSlo, sloLimits, levels);
  }

  /** The level of this run at {@code index} (its position), if it has one. */
  public Optional<ComparedLevel> level(int index) {
    return levels.stream().filter(l -> l.index() == index).findFirst();
  }

  /** Where the run ran, for people: the base URL, or the simulated server and its preset. */
  public String where() {
    return embedded ? "embedded simulated server" + (serverPreset == null ? "" : ", preset " + serverPreset) : baseUrl;
  }
}
