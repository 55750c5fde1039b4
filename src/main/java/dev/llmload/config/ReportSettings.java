package dev.llmload.config;

import java.nio.file.Path;
import java.util.Objects;

/** @param dir folder that receives one sub-folder per run */
public record ReportSettings(Path dir) {

  public ReportSettings {
    Objects.requireNonNull(dir, "dir");
  }
}
