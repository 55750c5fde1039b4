package dev.llmload.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.Percentiles;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code summary.csv}: one row per level with the numbers of {@code summary.json}, for spreadsheets. The columns are
 * {@code model}, then {@link LevelSummary}'s components under their {@code summary.json} names, derived from the
 * record itself, so a component added to it gets its column without an edit here:
 * <ul>
 *   <li>single values in declaration order ({@code label} is the column {@code level}); a nested record is flattened
 *       into its own components ({@code requests} gives {@code successful}, {@code errored}, {@code incomplete},
 *       {@code total}; a distribution inside it joins the distributions under its own name);
 *   <li>then every distribution ({@link Percentiles}) in declaration order, as {@code <name>_mean}, {@code _p50},
 *       {@code _p90}, {@code _p95}, {@code _p99}, {@code _max} (six columns each, hence after the single values; its
 *       count is left out);
 *   <li>left out: {@code index} (the row order), {@code errors} (a list, in {@code summary.json}),
 *       {@code requestTokensPerSecond} (so the columns stay those the file has always had) and {@code conversations}
 *       (a table of its own, in {@code summary.json} and the report), {@code distributions} (lists, for the report's charts).
 * </ul>
 * A component holding several values (a list, a map) must be left out or flattened: the class refuses to load
 * otherwise, so {@code SummaryCsvWriterTest} fails first. Whole numbers have no decimals, others three; a missing
 * value is an empty cell; other values are written as {@code summary.json} writes them. Jackson's CSV writer quotes a
 * cell holding a comma, a quote or a line break (RFC 4180).
 */
public final class SummaryCsvWriter implements ReportWriter {

  /** One column: its header and how to read its cell from a row's record. */
  record Column<R>(String name, Function<R, Object> value) {}

  /** Components with no column. */
  private static final Set<String> LEFT_OUT = Set.of("index", "errors", "requestTokensPerSecond", "conversations", "distributions");
  /** Components whose column has another name than the component. */
  private static final Map<String, String> RENAMED = Map.of("label", "level");
  /** A distribution's components with no column. */
  private static final Set<String> LEFT_OUT_OF_DISTRIBUTIONS = Set.of("count");

  static final List<Column<LevelSummary>> COLUMNS = columns(LevelSummary.class);
  static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

  @Override
  public String fileName() {
    return "summary.csv";
  }

  @Override
  public void write(RunSummary summary, Path file) throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    header().forEach(schema::addColumn);
    try (SequenceWriter rows = CSV.writer(schema.build()).writeValues(file.toFile())) {
      for (LevelSummary l : summary.levels()) {
        List<String> row = new ArrayList<>();
        row.add(cell(summary.target().model()));
        COLUMNS.forEach(c -> row.add(cell(c.value().apply(l))));
        rows.write(row);
      }
    }
  }

  static List<String> header() {
    List<String> h = new ArrayList<>(List.of("model"));
    COLUMNS.forEach(c -> h.add(c.name()));
    return h;
  }

  /** The columns of a row type, by the rules of the class comment. */
  static <R extends Record> List<Column<R>> columns(Class<R> type) {
    List<Column<R>> single = new ArrayList<>();
    List<Column<R>> distributions = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      if (LEFT_OUT.contains(c.getName())) {
        continue;
      }
      Function<R, Object> get = r -> read(c, r);
      Class<?> t = c.getType();
      if (t == Percentiles.class) {
        addDistribution(distributions, c.getName(), get);
      } else if (t.isRecord()) {
        for (RecordComponent n : t.getRecordComponents()) {
          Function<R, Object> nested = get.andThen(v -> v == null ? null : read(n, v));
          if (n.getType() == Percentiles.class) {
            addDistribution(distributions, n.getName(), nested);
          } else {
            requireOneValue(n, t);
            single.add(new Column<>(n.getName(), nested));
          }
        }
      } else {
        requireOneValue(c, type);
        single.add(new Column<>(RENAMED.getOrDefault(c.getName(), c.getName()), get));
      }
    }
    List<Column<R>> all = new ArrayList<>(single);
    all.addAll(distributions);
    Set<String> names = new HashSet<>(List.of("model"));
    for (Column<R> c : all) {
      if (!names.add(c.name())) {
        throw new IllegalStateException("summary.csv would have two columns named " + c.name() + " (from " + type.getSimpleName()
            + "): rename one component or list it in SummaryCsvWriter.RENAMED");
      }
    }
    return List.copyOf(all);
  }

  /** {@code name_mean ... name_max} of a {@link Percentiles} read by {@code get}. */
  private static <R> void addDistribution(List<Column<R>> out, String name, Function<R, Object> get) {
    for (RecordComponent p : Percentiles.class.getRecordComponents()) {
      if (!LEFT_OUT_OF_DISTRIBUTIONS.contains(p.getName())) {
        out.add(new Column<>(name + "_" + p.getName(), get.andThen(v -> v == null ? null : read(p, v))));
      }
    }
  }

  private static void requireOneValue(RecordComponent c, Class<?> owner) {
    Class<?> t = c.getType();
    if (t.isRecord() || t.isArray() || Collection.class.isAssignableFrom(t) || Map.class.isAssignableFrom(t)) {
      throw new IllegalStateException(owner.getSimpleName() + "." + c.getName() + " (" + t.getSimpleName() + ") does not fit one "
          + "summary.csv cell: list it in SummaryCsvWriter.LEFT_OUT or give it columns");
    }
  }

  private static Object read(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c, e);
    }
  }

  static String cell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.3f", d);
    }
    if (v instanceof Number || v instanceof String) {
      return v.toString();
    }
    JsonNode json = Json.MAPPER.valueToTree(v);
    if (!json.isValueNode()) {
      throw new IllegalStateException("not one value: " + json);
    }
    return json.asText();
  }
}
