package dev.llmload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigReaderTest {

  private static ConfigReader reader(String hocon) {
    return ConfigReader.of(ConfigFactory.parseString(hocon), "llm.server");
  }

  private static String fails(org.junit.jupiter.api.function.Executable read) {
    return assertThrows(ConfigException.class, read).getMessage();
  }

  @Test
  void theTextFormsOfSystemPropertiesAreAccepted() {
    ConfigReader r = reader("n = \"64\", d = \" 0.5 \", b = \" on \", t = \"15s\", s = \"16MiB\", l = \"a, b\", il = \"[1,2,4]\"");
    assertEquals(64, r.integer("n"));
    assertEquals(0.5, r.decimal("d"));
    assertEquals(true, r.bool("b"));
    assertEquals(Duration.ofSeconds(15), r.duration("t"));
    assertEquals(16L * 1024 * 1024, r.bytes("s"));
    assertEquals(List.of("a", "b"), r.stringList("l"));
    assertEquals(List.of(1, 2, 4), r.intList("il"));
  }

  @Test
  void nullEmptyAndTheTextNullAreUnset() {
    ConfigReader r = reader("a = null, b = \"\", c = \" null \"");
    for (String key : List.of("a", "b", "c", "absent")) {
      assertFalse(r.isSet(key), key);
      assertEquals(Optional.empty(), r.optionalInteger(key), key);
      assertEquals(List.of(), r.stringList(key), key);
    }
    assertEquals("llm.server.a: invalid value \"\" (must be set)", fails(() -> r.integer("a")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "Infinity", "0x1p3", "1e999", "1d", "eight"})
  void aNumberIsWrittenInDecimals(String text) {
    assertEquals("llm.server.x: invalid value \"" + text + "\" (must be a number such as 8 or 0.5)",
        fails(() -> reader("x = \"" + text + "\"").decimal("x")));
  }

  @Test
  void wholeNumbersAreWholeAndFitAnInt() {
    assertEquals("llm.server.x: invalid value 1.5 (must be a whole number)", fails(() -> reader("x = 1.5").integer("x")));
    assertEquals("llm.server.x: invalid value 3000000000 (must be a whole number between -2147483648 and 2147483647)",
        fails(() -> reader("x = 3000000000").integer("x")));
    assertEquals(3_000_000_000L, reader("x = 3000000000").longInteger("x"));
  }

  @Test
  void listsAndObjectsAreNotSingleValues() {
    assertEquals("llm.server.x: invalid value [1,2] (must be a whole number)", fails(() -> reader("x = [1, 2]").integer("x")));
    assertEquals("llm.server.x: invalid value {\"a\":1} (must be a single value)", fails(() -> reader("x { a = 1 }").string("x")));
    assertEquals("llm.server.x: invalid value [\"a\",[\"b\"]] (must be a list such as [a, b])",
        fails(() -> reader("x = [a, [b]]").stringList("x")));
  }

  @Test
  void sectionsAndListElementsNameTheirFullKey() {
    ConfigReader r = reader("outputLength { meanTokens = lots }, faults = [{ fault = cut }, 5]");
    assertEquals("llm.server.outputLength.meanTokens: invalid value \"lots\" (must be a whole number)",
        fails(() -> r.section("outputLength").integer("meanTokens")));
    assertEquals("llm.server.faults[1]: invalid value 5 (must be a list of objects such as [{ name = value }])",
        fails(() -> r.objectList("faults")));
    assertEquals("llm.server.outputLength.meanTokens: invalid value \"abc\" (must be an object such as { name = value }; on the "
        + "command line -Dllm.server.outputLength.meanTokens.name=value, or the whole object as JSON or HOCON: "
        + "-Dllm.server.outputLength.meanTokens={...})", fails(() -> reader("outputLength.meanTokens = abc").section("outputLength.meanTokens")));
  }

  @Test
  void exactStringKeepsSpaces() {
    assertEquals(Optional.of(" pass word "), reader("p = \" pass word \"").exactString("p"));
    assertEquals(Optional.of("pass word"), reader("p = \" pass word \"").string("p"));
  }
}
