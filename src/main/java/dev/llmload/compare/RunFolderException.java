package dev.llmload.compare;

/** A run folder that cannot be compared: the message is one sentence naming the folder and what to do. */
public final class RunFolderException extends RuntimeException {

  public RunFolderException(String message) {
    super(message);
  }
}
