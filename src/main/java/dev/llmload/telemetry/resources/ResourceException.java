package dev.llmload.telemetry.resources;

/**
 * A resource source could not be read this time (a command that failed or timed out, output that does not parse, an
 * exporter that answered 404 or refused the connection). The message is one sentence naming the problem and the fix,
 * fit to show the user as it is.
 */
public final class ResourceException extends Exception {

  private static final long serialVersionUID = 1L;

  public ResourceException(String message) {
    super(message);
  }

  public ResourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
