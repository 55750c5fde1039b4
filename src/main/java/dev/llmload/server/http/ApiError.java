package dev.llmload.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error the client caused or asked for, answered with an OpenAI-style body
 * {@code {"error":{"message":..,"type":..,"param":..,"code":..}}} (vLLM's shape: {@code type} is the error class
 * name, {@code code} the HTTP status). Never carries a stack trace to the client.
 */
final class ApiError extends RuntimeException {

  private final int status;
  private final String type;
  private final String param;

  ApiError(int status, String type, String message, String param) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.param = param;
  }

  static ApiError badRequest(String message, String param) {
    return new ApiError(400, "BadRequestError", message, param);
  }

  static ApiError notFound(String message, String param) {
    return new ApiError(404, "NotFoundError", message, param);
  }

  static ApiError methodNotAllowed(String message) {
    return new ApiError(405, "MethodNotAllowed", message, null);
  }

  /** The error an injected HTTP fault answers with. */
  static ApiError injected(int status) {
    return switch (status) {
      case 429 -> new ApiError(429, "RateLimitError", "Too many requests (injected fault http-429).", null);
      case 503 -> new ApiError(503, "ServiceUnavailableError",
          "The server is overloaded (injected fault http-503).", null);
      default -> new ApiError(status, "InternalServerError", "Internal server error (injected fault http-"
          + status + ").", null);
    };
  }

  static ApiError internal(String message) {
    return new ApiError(500, "InternalServerError", message, null);
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  String param() {
    return param;
  }

  /** The OpenAI-style body. */
  String toJson() {
    return body(getMessage(), type, param, status);
  }

  static String body(String message, String type, String param, int code) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    return root.toString();
  }
}
