package dev.llmload.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every key of {@code reference.conf} and {@code llm-server.conf}, given a value of the wrong type the way
 * {@code -D} gives it (text, through {@code ConfigFactory.parseProperties}), fails with one {@link ConfigException}
 * sentence that starts with that key - never a Typesafe exception. The keys are read from the shipped defaults,
 * so a key added later is walked too.
 */
class SettingsLoaderWrongTypeTest {

  /** Subtrees whose keys are the user's own: only their root is walked (it must be an object). */
  private static final Set<String> FREE_FORM = Set.of("llm.request.extraBody", "llm.server.presets", "llm.baseline.tolerances");

  /**
   * Keys that take any text, so no text is of the wrong type for them (an object still is). A list of names is
   * among them: one name is a list of one. {@link #freeTextKeysTakeAnyText} keeps this list honest.
   */
  private static final Set<String> FREE_TEXT = Set.of(
      "llm.userFiles",
      "llm.telemetry.process.name",
      "llm.telemetry.nvidiaSmi",
      "llm.target.model",
      "llm.target.name",
      "llm.target.apiKeyEnv",
      "llm.probe.steps",
      "llm.target.trustStorePassword",
      "llm.request.prompt",
      "llm.request.datasetColumn",
      "llm.report.dir",
      "llm.server.host",
      "llm.server.models",
      "llm.server.tls.keyStorePassword",
      "llm.history.file");

  /** Text that is no number, duration, size, boolean, list of numbers, choice, URL, existing file or object. */
  private static final String WRONG_TEXT = "abc";

  @TempDir
  Path userFiles;

  /** The settings keys: single values and lists (leaves), and the objects that hold them (sections). */
  private static final List<String> LEAVES = new ArrayList<>();
  private static final List<String> SECTIONS = new ArrayList<>();

  static {
    ConfigObject llm = ConfigFactory.defaultReferenceUnresolved().resolve().getObject("llm");
    SECTIONS.add("llm");
    walk("llm", llm);
  }

  private static void walk(String prefix, ConfigObject object) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      String key = prefix + "." + e.getKey();
      if (FREE_FORM.contains(key)) {
        SECTIONS.add(key);
      } else if (e.getValue().valueType() == ConfigValueType.OBJECT && !((ConfigObject) e.getValue()).isEmpty()) {
        SECTIONS.add(key);
        walk(key, (ConfigObject) e.getValue());
      } else {
        LEAVES.add(key);
      }
    }
  }

  private ConfigException fails(String key, String text) {
    Properties commandLine = new Properties();
    String isolation = "llm.userFiles";
    if (!isolation.startsWith(key) && !key.startsWith(isolation)) { // never the key under test, nor above or below it
      commandLine.setProperty(isolation, userFiles.toString());
    }
    commandLine.setProperty(key, text);
    return assertThrows(ConfigException.class, () -> SettingsLoader.loadForTest(commandLine, Map.of()),
        "-D" + key + "=" + text + " must be refused");
  }

  private static void assertNamesTheKey(String key, ConfigException e) {
    String m = e.getMessage();
    assertTrue(m.startsWith(key + ": ") || m.startsWith(key + " "), "the sentence must start with " + key + ": " + m);
    assertFalse(m.contains("com.typesafe") || m.contains("has type") || m.contains("rather than"), "a Typesafe message: " + m);
    assertTrue(m.contains("must") || m.contains(" file at "), "no rule or form in: " + m);
  }

  @Test
  void theWalkSeesEveryKind() {
    assertTrue(LEAVES.containsAll(List.of("llm.profile", "llm.sweep.levels", "llm.http.keepAliveIdle", "llm.server.port",
        "llm.server.maxRequestBytes", "llm.server.outputLength.sigma", "llm.server.tls.keyStore", "llm.server.faults")), LEAVES.toString());
    assertTrue(SECTIONS.containsAll(List.of("llm.target", "llm.http", "llm.server", "llm.server.outputLength", "llm.server.tls")),
        SECTIONS.toString());
    assertTrue(LEAVES.containsAll(FREE_TEXT), "a free-text key that is no longer a key: " + new TreeSet<>(FREE_TEXT));
  }

  /** A text where a number, duration, size, boolean, choice, list of numbers or of objects belongs. */
  @TestFactory
  Stream<DynamicTest> textOfTheWrongType() {
    return LEAVES.stream().filter(k -> !FREE_TEXT.contains(k))
        .map(key -> dynamicTest("-D" + key + "=" + WRONG_TEXT, () -> assertNamesTheKey(key, fails(key, WRONG_TEXT))));
  }

  /** {@code -Dkey.x=1} makes an object where a single value or a list belongs. */
  @TestFactory
  Stream<DynamicTest> objectWhereASingleValueOrAListBelongs() {
    return LEAVES.stream()
        .map(key -> dynamicTest("-D" + key + ".x=1", () -> assertNamesTheKey(key, fails(key + ".x", "1"))));
  }

  /** A text where an object (a section, or a free-form subtree such as extraBody) belongs. */
  @TestFactory
  Stream<DynamicTest> textWhereAnObjectBelongs() {
    return SECTIONS.stream()
        .map(key -> dynamicTest("-D" + key + "=" + WRONG_TEXT, () -> assertNamesTheKey(key, fails(key, WRONG_TEXT))));
  }

  @Test
  void freeTextKeysTakeAnyText() {
    for (String key : FREE_TEXT) {
      Properties commandLine = new Properties();
      commandLine.setProperty("llm.userFiles", userFiles.toString());
      commandLine.setProperty(key, WRONG_TEXT);
      SettingsLoader.loadForTest(commandLine, Map.of()); // no exception: the exemption is deserved
    }
  }
}
