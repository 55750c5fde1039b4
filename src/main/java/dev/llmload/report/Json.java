package dev.llmload.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one Jackson configuration for every file we write or read back. */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  /** {@code node.field} as text; null when it is absent or JSON null (reading summaries of other versions). */
  public static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
    com.fasterxml.jackson.databind.JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** {@code node.field} as a number; null when it is absent or not a number. */
  public static Double number(com.fasterxml.jackson.databind.JsonNode node, String field) {
    com.fasterxml.jackson.databind.JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? null : v.asDouble();
  }
}
