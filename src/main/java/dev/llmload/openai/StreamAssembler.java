package dev.llmload.openai;

/** Turns the raw messages of one stream (the {@code data} of each SSE event, with its arrival time) into an {@link AssembledStream}. */
public final class StreamAssembler {

  private static final int SAMPLE_CHARS = 200;

  private StreamAssembler() {}

  /**
   * @param nanos arrival time of each message
   * @param messages the {@code data} text of each message, without {@code [DONE]}
   * @param count how many of the arrays' entries are used
   */
  public static AssembledStream assemble(long[] nanos, String[] messages, int count) {
    return assemble(nanos, messages, count, null);
  }

  /**
   * {@link #assemble(long[], String[], int)}, also appending to {@code text} (when not null) the reply's text, as
   * {@link StreamReply#textOf} gives it: each message is parsed once for both.
   */
  public static AssembledStream assemble(long[] nanos, String[] messages, int count, StringBuilder text) {
    long[] content = new long[count];
    int contentCount = 0;
    String finish = null;
    int prompt = -1;
    int completion = -1;
    int cached = -1;
    String error = null;
    int malformed = 0;
    String malformedSample = null;
    boolean restarted = false;
    for (int i = 0; i < count; i++) {
      String data = messages[i];
      com.fasterxml.jackson.databind.JsonNode tree = StreamEventParser.treeOf(data);
      if (text != null) {
        text.append(StreamReply.contentOf(tree));
      }
      StreamEvent e = StreamEventParser.parseTree(tree);
      if (e.malformed()) {
        malformed++;
        if (malformedSample == null) {
          malformedSample = data.length() > SAMPLE_CHARS ? data.substring(0, SAMPLE_CHARS) + "..." : data;
        }
        continue;
      }
      if (e.error() != null && error == null) {
        error = e.error();
      }
      // An opening chunk never carries a finish reason; Ollama closes every stream with
      // {"role":"assistant","content":""} plus finish_reason, which is not a restart.
      if (e.roleOnly() && e.finishReason() == null && contentCount > 0) {
        restarted = true;
      }
      if (e.contentChunk()) {
        content[contentCount++] = nanos[i];
      }
      if (e.finishReason() != null) {
        finish = e.finishReason();
      }
      if (e.hasUsage()) {
        prompt = e.promptTokens();
        completion = e.completionTokens();
        cached = e.cachedPromptTokens();
      }
    }
    return new AssembledStream(java.util.Arrays.copyOf(content, contentCount), finish, prompt, completion, error, malformed,
        malformedSample, restarted, cached);
  }
}
