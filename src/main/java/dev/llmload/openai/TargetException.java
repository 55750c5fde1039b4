package dev.llmload.openai;

/** The target cannot be used as configured. The message is one sentence for the user, naming the fix. */
public final class TargetException extends RuntimeException {

  public TargetException(String message) {
    super(message);
  }
}
