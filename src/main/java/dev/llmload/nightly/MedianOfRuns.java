package dev.llmload.nightly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The median of repeated runs of one workload, as a pure function of their {@code summary.json} trees: a summary of the
 * same shape a single run writes - so a baseline or a gate reads it like any run - whose levels (matched by label, in the
 * order they first appear) hold, for every number, the median over the runs that have the level (the mean of the two
 * middle values for an even count), and a {@code spread} with each number's {@code min} and {@code max} by its path.
 * Text and booleans are the first run's (a boolean: the majority); lists (error samples, distributions) are left out, as
 * are the run-specific parts at the top ({@code timeline}, {@code endpoints}, {@code runClock}, {@code baseline},
 * {@code notes}); the rest of the top is the first run's, with {@code repetitions}: the count and the run folders.
 */
public final class MedianOfRuns {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Set<String> RUN_SPECIFIC = Set.of("levels", "timeline", "endpoints", "runClock", "baseline", "notes", "repetitions");

  private MedianOfRuns() {}

  /**
   * @param runs the runs' {@code summary.json}, at least one
   * @param folders where each run is, in the same order
   */
  public static ObjectNode of(List<JsonNode> runs, List<String> folders) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("runs must hold at least 1 summary, was 0");
    }
    if (runs.size() != folders.size()) {
      throw new IllegalArgumentException("folders must name each of the " + runs.size() + " runs, was " + folders.size());
    }
    ObjectNode out = F.objectNode();
    runs.get(0).fields().forEachRemaining(e -> {
      if (!RUN_SPECIFIC.contains(e.getKey())) {
        out.set(e.getKey(), e.getValue().deepCopy());
      }
    });
    out.put("partial", runs.stream().anyMatch(r -> r.path("partial").asBoolean(false)));
    Map<String, List<JsonNode>> byLabel = new LinkedHashMap<>();
    for (JsonNode run : runs) {
      int position = 0;
      for (JsonNode level : run.path("levels")) {
        position++;
        JsonNode label = level.get("label");
        byLabel.computeIfAbsent(label == null || label.isNull() ? "level " + position : label.asText(), k -> new ArrayList<>()).add(level);
      }
    }
    ArrayNode levels = out.putArray("levels");
    for (List<JsonNode> same : byLabel.values()) {
      ObjectNode level = (ObjectNode) merge(same);
      ObjectNode spread = F.objectNode();
      spread.put("runs", same.size());
      spread(same, "", spread);
      level.set("spread", spread);
      levels.add(level);
    }
    ObjectNode repetitions = out.putObject("repetitions");
    repetitions.put("count", runs.size());
    ArrayNode list = repetitions.putArray("runs");
    folders.forEach(list::add);
    return out;
  }

  /** The median of {@code values}: the middle one, or the mean of the two middle ones. */
  static double median(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("values must hold at least 1 number, was 0");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** The nodes at one place in each run, merged; null when nothing is left (lists, only nulls). */
  private static JsonNode merge(List<JsonNode> nodes) {
    List<JsonNode> present = nodes.stream().filter(n -> n != null && !n.isNull()).toList();
    if (present.isEmpty()) {
      return F.nullNode();
    }
    if (present.stream().allMatch(JsonNode::isNumber)) {
      return F.numberNode(median(present.stream().mapToDouble(JsonNode::asDouble).toArray()));
    }
    if (present.stream().allMatch(JsonNode::isObject)) {
      ObjectNode out = F.objectNode();
      Set<String> fields = new LinkedHashSet<>();
      present.forEach(n -> n.fieldNames().forEachRemaining(fields::add));
      for (String field : fields) {
        JsonNode merged = merge(present.stream().map(n -> n.get(field)).filter(Objects::nonNull).toList());
        if (merged != null) {
          out.set(field, merged);
        }
      }
      return out;
    }
    if (present.stream().allMatch(JsonNode::isBoolean)) {
      return F.booleanNode(present.stream().filter(JsonNode::asBoolean).count() * 2 > present.size());
    }
    return present.get(0).isArray() ? null : present.get(0).deepCopy();
  }

  /** Every number below {@code prefix} in the levels: its min and max, by dotted path. */
  private static void spread(List<JsonNode> levels, String prefix, ObjectNode out) {
    Set<String> fields = new LinkedHashSet<>();
    levels.forEach(n -> n.fieldNames().forEachRemaining(fields::add));
    for (String field : fields) {
      List<JsonNode> values = levels.stream().map(n -> n.get(field)).filter(v -> v != null && !v.isNull()).toList();
      String path = prefix.isEmpty() ? field : prefix + "." + field;
      if (!values.isEmpty() && values.stream().allMatch(JsonNode::isNumber)) {
        double[] numbers = values.stream().mapToDouble(JsonNode::asDouble).toArray();
        ObjectNode range = out.putObject(path);
        range.put("min", Arrays.stream(numbers).min().orElseThrow());
        range.put("max", Arrays.stream(numbers).max().orElseThrow());
      } else if (!values.isEmpty() && values.stream().allMatch(JsonNode::isObject)) {
        spread(values, path, out);
      }
    }
  }
}
