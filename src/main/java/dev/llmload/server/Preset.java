package dev.llmload.server;

import dev.llmload.config.ConfigException;
import dev.llmload.config.ConfigReader;
import dev.llmload.server.engine.EngineSettings;
import dev.llmload.server.text.OutputLength;
import java.util.List;

/**
 * A named engine calibration: the models it serves, its engine parameters, its natural output lengths and a
 * sentence on where the numbers come from. The shipped presets live in {@code llm-server.conf} under
 * {@code llm.server.presets}; users may add their own there.
 *
 * @param name the preset name ({@code llm.server.preset})
 * @param models served model names, the first is the default
 * @param engine engine parameters
 * @param outputLength output lengths without {@code ignore_eos}
 * @param source where the numbers come from
 */
public record Preset(String name, List<String> models, EngineSettings engine, OutputLength outputLength,
    String source) {

  public Preset {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("preset name must not be blank, was '" + name + "'");
    }
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("preset '" + name + "' must serve at least one model, has none");
    }
  }

  /**
   * Reads one entry of {@code llm.server.presets}.
   *
   * @throws ConfigException naming the key in full ({@code llm.server.presets."llama-3.1-8b-l4".maxNumSeqs}), the rule and
   *     the value
   */
  static Preset fromConfig(String name, ConfigReader preset) {
    String at = preset.path();
    EngineSettings engine = ServerSettings.named(at, ".", () -> new EngineSettings(
        preset.integer("maxNumSeqs"),
        preset.integer("kvCacheTokens"),
        preset.integer("maxModelLen"),
        preset.decimal("decodeBaseMs"),
        preset.decimal("decodePerSeqMs"),
        preset.decimal("prefillTokensPerSecond"),
        preset.integer("prefillChunkTokens"),
        preset.bool("preemption")));
    ConfigReader out = preset.section("outputLength");
    OutputLength outputLength = ServerSettings.named(at, ".", () -> new OutputLength(
        OutputLength.Distribution.fromConfigName(out.requiredString("distribution")),
        out.integer("meanTokens"),
        out.decimal("sigma"),
        out.integer("minTokens"),
        out.integer("maxTokens")));
    List<String> models = preset.stringList("models");
    String source = preset.requiredString("source");
    return ServerSettings.named(at, ": ", () -> new Preset(name, models, engine, outputLength, source));
  }
}
