package dev.llmload.config;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The one way a configuration value names a constant of an enum: by its config name, or an error listing them all. */
final class ConfigNames {

  private ConfigNames() {}

  /**
   * The constant of {@code values} whose {@code name} is {@code value}.
   *
   * @throws ConfigException naming {@code key}, the value and every valid name ("must be one of a, b, c")
   */
  static <E extends Enum<E>> E parse(String key, String value, E[] values, Function<E, String> name) {
    for (E e : values) {
      if (name.apply(e).equals(value)) {
        return e;
      }
    }
    throw ConfigException.invalid(key, value, "must be one of " + Arrays.stream(values).map(name).collect(Collectors.joining(", ")));
  }
}
