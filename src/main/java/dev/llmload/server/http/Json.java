package dev.llmload.server.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The server's one Jackson mapper and a string quoter for the hand-assembled hot-path chunks. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** {@code value} as a JSON string literal, quotes included. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    JsonStringEncoder.getInstance().quoteAsString(value, out);
    return out.append('"').toString();
  }
}
