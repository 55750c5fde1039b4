package dev.llmload.gatling.internal;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;

/**
 * An action whose work runs on {@code executor}, off the virtual user's event loop (which stamps other streams'
 * messages and must not be held up by per-request parsing); the user goes on, on its own event loop, with the session
 * the work returned. Work that fails, or an executor that refuses it (the run is closing), marks the session failed.
 */
public final class OffEventLoop implements io.gatling.javaapi.core.ActionBuilder {

  private final String name;
  private final Executor executor;
  private final UnaryOperator<io.gatling.javaapi.core.Session> work;

  /**
   * @param name the action's name, for Gatling's logs
   * @param work turns the user's session into the one it goes on with; runs on {@code executor}
   */
  public OffEventLoop(String name, Executor executor, UnaryOperator<io.gatling.javaapi.core.Session> work) {
    this.name = name;
    this.executor = executor;
    this.work = work;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return (ctx, next) -> new Off(next);
  }

  private final class Off extends JavaAction {
    private final Action next;

    Off(Action next) {
      super(name);
      this.next = next;
    }

    @Override
    public void execute(Session session) {
      try {
        executor.execute(() -> {
          Session after;
          try {
            after = work.apply(new io.gatling.javaapi.core.Session(session)).asScala();
          } catch (RuntimeException e) {
            logger().underlying().error("{} failed: {}", name, e.toString());
            after = session.markAsFailed();
          }
          Session then = after;
          session.eventLoop().execute(() -> next.$bang(then));
        });
      } catch (RejectedExecutionException e) {
        next.$bang(session.markAsFailed());
      }
    }
  }
}
