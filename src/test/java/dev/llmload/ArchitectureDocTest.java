package dev.llmload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/ARCHITECTURE.md names real packages, and every package of the main code. */
class ArchitectureDocTest {

  private static final Path DOC = Path.of("docs/ARCHITECTURE.md");

  private static Set<String> named() throws IOException {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("`(dev\\.llmload(?:\\.[a-z]+)*)`").matcher(Files.readString(DOC));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static Set<String> packagesUnder(Path root) throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> out.add(root.relativize(p.getParent()).toString().replace('/', '.')));
    }
    return out;
  }

  @Test
  void everyPackageItNamesExists() throws IOException {
    Set<String> existing = new TreeSet<>(packagesUnder(Path.of("src/main/java")));
    existing.addAll(packagesUnder(Path.of("src/test/java")));
    for (String p : named()) {
      assertTrue(existing.contains(p), DOC + " names " + p + ", which has no source file");
    }
  }

  @Test
  void everyMainPackageIsNamed() throws IOException {
    Set<String> missing = new TreeSet<>(packagesUnder(Path.of("src/main/java")));
    missing.removeAll(named());
    assertEquals(Set.of(), missing, "packages of the main code that " + DOC + " does not name");
  }
}
