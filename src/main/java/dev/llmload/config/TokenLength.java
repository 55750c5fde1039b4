package dev.llmload.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.random.RandomGenerator;

/**
 * A requested token length, fixed or drawn per request ({@code llm.request.synthetic.inputTokens} and {@code
 * outputTokens}), written as text: {@code 512}, {@code uniform(256, 1024)}, {@code normal(512, 128)} or
 * {@code normal(512, 128, 256, 1024)} (mean, standard deviation, and bounds, by default mean &plusmn; 3 deviations and
 * at least 1), {@code weighted(128: 0.5, 512: 0.3, 2048: 0.2)} (lengths with relative weights). Every draw lies in
 * {@code [min(), max()]}; the same generator state gives the same draw.
 */
public sealed interface TokenLength {

  /** The largest length any draw may be: {@value}. */
  int LIMIT = 1_000_000;

  /** One length, drawn from {@code random}. */
  int draw(RandomGenerator random);

  /** The smallest length a draw can be. */
  int min();

  /** The largest length a draw can be. */
  int max();

  /** The form it was written in, normalised, e.g. {@code uniform(256, 1024)}. */
  String describe();

  /** Always {@code tokens}. */
  record Fixed(int tokens) implements TokenLength {
    public Fixed {
      requireLength("length", tokens);
    }

    @Override
    public int draw(RandomGenerator random) {
      return tokens;
    }

    @Override
    public int min() {
      return tokens;
    }

    @Override
    public int max() {
      return tokens;
    }

    @Override
    public String describe() {
      return Integer.toString(tokens);
    }
  }

  /** Every length from {@code min} to {@code max} (both included) equally likely. */
  record Uniform(int min, int max) implements TokenLength {
    public Uniform {
      requireLength("min", min);
      requireLength("max", max);
      if (max < min) {
        throw new IllegalArgumentException("max must be at least min (" + min + "), was " + max);
      }
    }

    @Override
    public int draw(RandomGenerator random) {
      return min + random.nextInt(max - min + 1);
    }

    @Override
    public String describe() {
      return "uniform(" + min + ", " + max + ")";
    }
  }

  /**
   * A normal distribution of {@code mean} and {@code stddev}, rounded, cut to {@code [min, max]}: a draw outside is
   * drawn again (up to 100 times, then it is moved to the nearer bound), so the bounds do not pile up.
   */
  record Normal(double mean, double stddev, int min, int max) implements TokenLength {
    public Normal {
      if (!(stddev >= 0) || Double.isInfinite(stddev)) {
        throw new IllegalArgumentException("the standard deviation must be zero or positive, was " + stddev);
      }
      requireLength("min", min);
      requireLength("max", max);
      if (max < min) {
        throw new IllegalArgumentException("max must be at least min (" + min + "), was " + max);
      }
      if (!(mean >= min && mean <= max)) {
        throw new IllegalArgumentException("the mean must lie between min (" + min + ") and max (" + max + "), was " + mean);
      }
    }

    /** Bounds of mean &plusmn; 3 deviations, and at least 1. */
    public static Normal of(double mean, double stddev) {
      return new Normal(mean, stddev, (int) Math.max(1, Math.floor(mean - 3 * stddev)), (int) Math.min(LIMIT, Math.ceil(mean + 3 * stddev)));
    }

    @Override
    public int draw(RandomGenerator random) {
      for (int i = 0; i < 100; i++) {
        long v = Math.round(mean + stddev * random.nextGaussian());
        if (v >= min && v <= max) {
          return (int) v;
        }
      }
      return (int) Math.max(min, Math.min(max, Math.round(mean)));
    }

    @Override
    public String describe() {
      return String.format(Locale.ROOT, "normal(%s, %s, %d, %d)", number(mean), number(stddev), min, max);
    }
  }

  /** One of {@code lengths}, each as likely as its weight's share of all weights. */
  record Weighted(List<Integer> lengths, List<Double> weights) implements TokenLength {
    public Weighted {
      lengths = List.copyOf(lengths);
      weights = List.copyOf(weights);
      if (lengths.isEmpty() || lengths.size() != weights.size()) {
        throw new IllegalArgumentException("needs at least one length, each with a weight");
      }
      for (int length : lengths) {
        requireLength("each length", length);
      }
      for (double w : weights) {
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("each weight must be zero or positive, was " + w);
        }
      }
      if (weights.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
        throw new IllegalArgumentException("at least one weight must be positive");
      }
    }

    @Override
    public int draw(RandomGenerator random) {
      double total = weights.stream().mapToDouble(Double::doubleValue).sum();
      double r = random.nextDouble() * total;
      for (int i = 0; i < lengths.size(); i++) {
        r -= weights.get(i);
        if (r < 0) {
          return lengths.get(i);
        }
      }
      for (int i = lengths.size() - 1; ; i--) { // rounding left r at 0: the last length with a weight
        if (weights.get(i) > 0) {
          return lengths.get(i);
        }
      }
    }

    @Override
    public int min() {
      int min = Integer.MAX_VALUE;
      for (int i = 0; i < lengths.size(); i++) {
        min = weights.get(i) > 0 ? Math.min(min, lengths.get(i)) : min;
      }
      return min;
    }

    @Override
    public int max() {
      int max = 0;
      for (int i = 0; i < lengths.size(); i++) {
        max = weights.get(i) > 0 ? Math.max(max, lengths.get(i)) : max;
      }
      return max;
    }

    @Override
    public String describe() {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < lengths.size(); i++) {
        parts.add(lengths.get(i) + ": " + number(weights.get(i)));
      }
      return "weighted(" + String.join(", ", parts) + ")";
    }
  }

  /** The forms {@link #parse} reads, for messages. */
  String FORMS = "a number of tokens such as 512, or uniform(min, max), normal(mean, stddev) or normal(mean, stddev, min, max), "
      + "or weighted(length: weight, ...)";

  /**
   * Reads the text form.
   *
   * @throws ConfigException naming {@code key}, the text and the forms, or the rule broken
   */
  static TokenLength parse(String key, String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = Pattern.compile("([a-z]+)\\s*\\((.*)\\)").matcher(s);
    try {
      if (s.matches("[0-9]+")) {
        return new Fixed(Integer.parseInt(s));
      }
      if (!m.matches()) {
        throw ConfigException.invalid(key, text, "must be " + FORMS);
      }
      String[] args = m.group(2).isBlank() ? new String[0] : m.group(2).split(",");
      switch (m.group(1)) {
        case "uniform" -> {
          requireArgs(key, text, args, 2, 2);
          return new Uniform(integer(args[0]), integer(args[1]));
        }
        case "normal" -> {
          requireArgs(key, text, args, 2, 4);
          if (args.length == 3) {
            throw ConfigException.invalid(key, text, "normal takes a mean and a standard deviation, and optionally both bounds");
          }
          double mean = decimal(args[0]);
          double stddev = decimal(args[1]);
          return args.length == 2 ? Normal.of(mean, stddev) : new Normal(mean, stddev, integer(args[2]), integer(args[3]));
        }
        case "weighted" -> {
          requireArgs(key, text, args, 1, Integer.MAX_VALUE);
          List<Integer> lengths = new ArrayList<>();
          List<Double> weights = new ArrayList<>();
          for (String arg : args) {
            String[] pair = arg.split(":");
            if (pair.length != 2) {
              throw ConfigException.invalid(key, text, "weighted takes length: weight pairs, such as weighted(128: 0.7, 2048: 0.3)");
            }
            lengths.add(integer(pair[0]));
            weights.add(decimal(pair[1]));
          }
          return new Weighted(lengths, weights);
        }
        default -> throw ConfigException.invalid(key, text, "must be " + FORMS);
      }
    } catch (NumberFormatException e) {
      throw ConfigException.invalid(key, text, "must be " + FORMS + "; lengths are whole numbers");
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw ConfigException.invalid(key, text, e.getMessage());
    }
  }

  private static void requireArgs(String key, String text, String[] args, int min, int max) {
    if (args.length < min || args.length > max) {
      throw ConfigException.invalid(key, text, "must be " + FORMS);
    }
  }

  private static int integer(String s) {
    return Integer.parseInt(s.strip());
  }

  private static double decimal(String s) {
    double d = Double.parseDouble(s.strip());
    if (Double.isNaN(d)) {
      throw new NumberFormatException("not a number");
    }
    return d;
  }

  private static void requireLength(String what, int tokens) {
    if (tokens < 1 || tokens > LIMIT) {
      throw new IllegalArgumentException(what + " must be between 1 and " + LIMIT + " tokens, was " + tokens);
    }
  }

  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d);
  }
}
