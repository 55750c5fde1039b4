package dev.llmload.nightly;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The GitHub Actions template ({@code .github/workflows/nightly.yml}) against what the README and the suite say; its
 * schema is checked by action-validator in {@code .ci/run}. These hold what a schema cannot: the same schedule as the
 * README's cron line, the API key only through the environment, the commands the suite has.
 */
class NightlyWorkflowTest {

  private static final Path WORKFLOW = Path.of(".github/workflows/nightly.yml");

  @Test
  void itRunsOnTheReadmesScheduleAndByHand() throws IOException {
    String yaml = Files.readString(WORKFLOW);
    Matcher cron = Pattern.compile("(?m)^(\\S+ \\S+ \\S+ \\S+ \\S+) cd .* mvn .*gatling:test").matcher(Files.readString(Path.of("README.md")));
    assertTrue(cron.find(), "the README's crontab line");
    assertTrue(yaml.contains("- cron: \"" + cron.group(1) + "\""), "the README's schedule " + cron.group(1));
    assertTrue(yaml.contains("workflow_dispatch:"));
  }

  @Test
  void theKeyComesFromASecretThroughTheEnvironmentOnly() throws IOException {
    String yaml = Files.readString(WORKFLOW);
    assertTrue(yaml.contains("LLM_API_KEY: ${{ secrets.LLM_API_KEY }}"), "the env var README \"Secrets\" names");
    assertFalse(yaml.contains("-Dllm.target.apiKey"), "never on the command line");
    assertFalse(scriptLines(yaml).stream().anyMatch(l -> l.contains("${{")), "no expression pasted into a script: " + scriptLines(yaml));
  }

  /** The lines of every {@code run:} script, one-line or block. */
  static java.util.List<String> scriptLines(String yaml) {
    java.util.List<String> script = new java.util.ArrayList<>();
    int blockIndent = -1;
    for (String line : yaml.lines().toList()) {
      int indent = line.length() - line.stripLeading().length();
      if (blockIndent >= 0 && (line.isBlank() || indent > blockIndent)) {
        script.add(line);
        continue;
      }
      blockIndent = -1;
      Matcher run = Pattern.compile("^(\\s*)(- )?run: (.*)$").matcher(line);
      if (run.find()) {
        if (run.group(3).strip().equals("|")) {
          blockIndent = run.group(1).length() + (run.group(2) == null ? 0 : 2);
        } else {
          script.add(run.group(3));
        }
      }
    }
    return script;
  }

  @Test
  void theScriptLinesAreFound() {
    assertTrue(scriptLines("    run: |\n      echo a\n      echo b\n    env:\n").equals(java.util.List.of("      echo a", "      echo b")));
  }

  @Test
  void itRunsTheMainJobTheTrendAndKeepsTheHistory() throws IOException {
    String yaml = Files.readString(WORKFLOW);
    assertTrue(yaml.contains("mvn -B -ntp gatling:test"));
    assertTrue(yaml.contains("exec:java@trend"));
    assertTrue(yaml.contains("uses: actions/cache/restore@v4") && yaml.contains("uses: actions/cache/save@v4"));
    assertTrue(yaml.contains("path: reports/history.jsonl"), "the default llm.history.file");
    assertTrue(yaml.contains("uses: actions/upload-artifact@v4"));
    assertTrue(Files.readString(Path.of("pom.xml")).contains("<id>trend</id>"), "the trend execution exists");
  }
}
