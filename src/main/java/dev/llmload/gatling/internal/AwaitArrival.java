package dev.llmload.gatling.internal;

import dev.llmload.workload.ArrivalPlan;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The first action of an open workload's user: takes the user's arrival ({@link OpenInjection.Tickets}), waits on
 * the user's event loop until its exact time, then, when {@code maxInFlight} is set, until a slot is free (the wait is
 * client queueing: it shows as send lag, never hidden), and goes on with the arrival in the session under
 * {@link #ARRIVAL}. Release the slot with {@link SlotGate#release()} when the request is over.
 */
public final class AwaitArrival implements io.gatling.javaapi.core.ActionBuilder {

  /** Session key of the user's {@link ArrivalPlan.Arrival}; absent when the user must not send (see {@link #SKIP}). */
  public static final String ARRIVAL = "llm.arrival";
  /** Session key set when the user must not send: the run stopped while it waited, or it had no arrival. */
  public static final String SKIP = "llm.skip";

  private final OpenInjection.Tickets tickets;
  private final SlotGate gate;
  private final java.util.function.BooleanSupplier stopped;

  /** @param stopped true once the run starts no more requests: users still waiting then pass without sending */
  public AwaitArrival(OpenInjection.Tickets tickets, SlotGate gate, java.util.function.BooleanSupplier stopped) {
    this.tickets = tickets;
    this.gate = gate;
    this.stopped = stopped;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return (ctx, next) -> new Await(next);
  }

  /** At most {@code max} requests in flight (0: no limit); waiters go in arrival order. */
  public static final class SlotGate {
    private final int max;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int used;

    public SlotGate(int max) {
      this.max = max;
    }

    /** Runs {@code then} now when a slot is free, else when one is released. */
    void acquire(Runnable then) {
      if (max == 0) {
        then.run();
        return;
      }
      synchronized (this) {
        if (used >= max) {
          waiting.add(then);
          return;
        }
        used++;
      }
      then.run();
    }

    /** A request is over: its slot goes to the longest waiter, if any. */
    public void release() {
      if (max == 0) {
        return;
      }
      Runnable next;
      synchronized (this) {
        next = waiting.poll();
        if (next == null) {
          used--;
        }
      }
      if (next != null) {
        next.run();
      }
    }
  }

  private final class Await extends JavaAction {
    private final Action next;

    Await(Action next) {
      super("llmAwaitArrival");
      this.next = next;
    }

    @Override
    public void execute(Session session) {
      ArrivalPlan.Arrival arrival = tickets.take(session.userId());
      if (arrival == null) {
        logger().underlying().error("user {} of an open workload has no arrival (Gatling's injection changed); it sends nothing",
            session.userId());
        next.$bang(session.set(SKIP, true));
        return;
      }
      Session withArrival = session.set(ARRIVAL, arrival);
      Runnable go = () -> {
        if (stopped.getAsBoolean()) {
          next.$bang(session.set(SKIP, true));
          return;
        }
        gate.acquire(() -> {
          Runnable send = () -> {
            if (stopped.getAsBoolean()) {
              gate.release();
              next.$bang(session.set(SKIP, true));
            } else {
              next.$bang(withArrival);
            }
          };
          if (session.eventLoop().inEventLoop()) {
            send.run();
          } else {
            session.eventLoop().execute(send);
          }
        });
      };
      long waitNanos = tickets.anchorNanos() + arrival.atNanos() - System.nanoTime();
      if (waitNanos > 0) {
        session.eventLoop().schedule(go, waitNanos, TimeUnit.NANOSECONDS);
      } else {
        go.run();
      }
    }
  }
}
