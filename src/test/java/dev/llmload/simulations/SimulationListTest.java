package dev.llmload.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The list printed for an unknown {@code -Dsimulation=} (pom.xml, enforcer rule) names exactly the simulations there are. */
class SimulationListTest {

  private static final Path SIMULATIONS = Path.of("src/test/java/dev/llmload/simulations");

  @Test
  void unknownSimulationMessageListsEverySimulation() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher m = Pattern.compile("Available: ([A-Za-z, ]+) \\(").matcher(pom);
    assertTrue(m.find(), "pom.xml enforcer message with 'Available: ...'");
    TreeSet<String> listed = Arrays.stream(m.group(1).split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(simulations(), listed);
  }

  private static TreeSet<String> simulations() throws IOException, ClassNotFoundException {
    TreeSet<String> names = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(SIMULATIONS)) {
      files = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString().replace(".java", "");
      Class<?> c = Class.forName("dev.llmload.simulations." + name);
      if (Simulation.class.isAssignableFrom(c)) {
        names.add(name);
      }
    }
    return names;
  }
}
