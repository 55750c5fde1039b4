package dev.llmload.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.llmload.server.engine.EngineSettings;
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

  /** Reads one entry of {@code llm.server.presets}. */
  static Preset fromConfig(String name, Config preset) {
    String at = "llm.server.presets.\"" + name + "\".";
    try {
      EngineSettings engine = new EngineSettings(
          preset.getInt("maxNumSeqs"),
          preset.getInt("kvCacheTokens"),
          preset.getInt("maxModelLen"),
          preset.getDouble("decodeBaseMs"),
          preset.getDouble("decodePerSeqMs"),
          preset.getDouble("prefillTokensPerSecond"),
          preset.getInt("prefillChunkTokens"),
          preset.getBoolean("preemption"));
      Config out = preset.getConfig("outputLength");
      OutputLength outputLength = new OutputLength(
          OutputLength.Distribution.fromConfigName(out.getString("distribution")),
          out.getInt("meanTokens"),
          out.getDouble("sigma"),
          out.getInt("minTokens"),
          out.getInt("maxTokens"));
      return new Preset(name, preset.getStringList("models"), engine, outputLength, preset.getString("source"));
    } catch (ConfigException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Bad preset " + at.substring(0, at.length() - 1) + ": " + e.getMessage(),
          e);
    }
  }
}
