package dev.llmload.gatling.internal;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and steers Gatling's SSE state machine ({@code io.gatling.http.action.sse.fsm.SseFsm}), which a
 * session holds under the stream's name. Every access is defensive: if a Gatling upgrade renames a field, the
 * methods return empty / false and the measurement falls back to what the public API gives.
 */
public final class SseInternals {

  private SseInternals() {}

  /**
   * The failure text of a crashed stream, e.g. {@code "...SseInvalidStatusException: Server returned http response
   * with code 429"} or {@code "...ConnectException: Connection refused: /127.0.0.1:8000"}.
   */
  public static Optional<String> crashMessage(Object fsm) {
    try {
      Object state = field(fsm, "currentState");
      if (state == null || !state.getClass().getSimpleName().equals("SseCrashedState")) {
        return Optional.empty();
      }
      return Optional.ofNullable((String) field(state, "errorMessage"));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** True while the stream waits for response headers. */
  public static boolean connecting(Object fsm) {
    try {
      Object state = field(fsm, "currentState");
      return state != null && state.getClass().getSimpleName().equals("SseConnectingState");
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Ends a stream from the client: closes its connection and fails the pending check with {@code reason}, so the
   * virtual user moves on. Must run on the virtual user's event loop.
   *
   * @return false when the internals could not be reached (nothing was changed)
   */
  public static boolean abort(Object fsm, String reason) {
    try {
      Method streamAccessor = fsm.getClass().getMethod("stream");
      Object stream = streamAccessor.invoke(fsm);
      Object streamState = field(stream, "state");
      if (streamState == null) {
        return false;
      }
      Method listenerAccessor = streamState.getClass().getMethod("listener");
      Object listener = listenerAccessor.invoke(streamState);
      listener.getClass().getMethod("closeChannel").invoke(listener);
      stream.getClass().getMethod("crash", Throwable.class).invoke(stream, new StreamAbortedException(reason));
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** Fields found once per class and name: the watchdog reads the stream's state several times a second. */
  private static final Map<String, Field> FIELDS = new ConcurrentHashMap<>();

  private static Object field(Object target, String name) throws ReflectiveOperationException {
    String key = target.getClass().getName() + '#' + name;
    Field field = FIELDS.get(key);
    if (field == null) {
      field = find(target.getClass(), name);
      FIELDS.put(key, field);
    }
    return field.get(target);
  }

  private static Field find(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getName().equals(name) || f.getName().endsWith("$$" + name)) {
          f.setAccessible(true);
          return f;
        }
      }
    }
    throw new NoSuchFieldException(type.getName() + "." + name);
  }

  /** The failure a client-side abort reports; its message is the reason. */
  static final class StreamAbortedException extends IOException {
    StreamAbortedException(String reason) {
      super(reason);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
