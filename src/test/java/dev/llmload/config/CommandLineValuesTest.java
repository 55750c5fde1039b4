package dev.llmload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Undoing the Gatling Maven plugin's escaping of the {@code -D} values it passes to the JVM it forks. The escaped
 * forms below are what that JVM received in a real {@code mvn gatling:test} (plugin 4.21.12): {@code "} as
 * {@code \"}, a backslash doubled, a newline as backslash-n, beyond ASCII as backslash-u and four hex digits.
 */
class CommandLineValuesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\\\"temperature\\\":1.5,\\\"stop\\\":[\\\"\\\\n\\\"]}  | {\"temperature\":1.5,\"stop\":[\"\\n\"]}",
      "\\\"42\\\"                                            | \"42\"",
      "it\\'s                                                 | it's",
      "C:\\\\models\\\\llama                                   | C:\\models\\llama",
      "caf\\u00e9 \\u65e5\\u672c                               | caf\u00e9 \u65e5\u672c",
      "{temperature=1.5, top_p=0.9}                           | {temperature=1.5, top_p=0.9}",
      "odd \\x and \\u12 and a trailing \\                     | odd \\x and \\u12 and a trailing \\"})
  void theForkedValueIsTheTypedOne(String received, String typed) {
    assertEquals(typed, CommandLineValues.unescapeJava(received));
  }

  @Test
  void controlCharactersComeBack() {
    assertEquals("a\nb\tc\rd\be\ff", CommandLineValues.unescapeJava("a\\nb\\tc\\rd\\be\\ff"));
  }

  @Test
  void onlyLlmValuesAreUnescaped() {
    Properties received = new Properties();
    received.setProperty("llm.request.extraBody", "{\\\"n\\\":1}");
    received.setProperty("gatling.core.encoding", "a\\\"b");
    Properties typed = CommandLineValues.unescapedLlmValues(received);
    assertEquals("{\"n\":1}", typed.getProperty("llm.request.extraBody"));
    assertEquals("a\\\"b", typed.getProperty("gatling.core.encoding"));
  }

  @Test
  void outsideTheGatlingPluginsForkSystemPropertiesAreTakenAsTheyAre() {
    Properties saved = (Properties) System.getProperties().clone();
    try {
      System.setProperty("llm.request.prompt", "say \\\"hi\\\"");
      assertEquals("say \\\"hi\\\"", CommandLineValues.systemProperties().getProperty("llm.request.prompt"));
    } finally {
      System.setProperties(saved);
    }
  }
}
