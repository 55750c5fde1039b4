package dev.llmload.gatling.internal;

import dev.llmload.workload.ArrivalPlan;
import io.gatling.commons.util.Clock;
import io.gatling.core.controller.inject.InjectionProfile;
import io.gatling.core.controller.inject.Workload;
import io.gatling.core.scenario.Scenario;
import io.gatling.core.stats.StatsEngine;
import io.gatling.javaapi.core.PopulationBuilder;
import io.netty.channel.EventLoopGroup;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import scala.Option;
import scala.concurrent.duration.FiniteDuration;

/**
 * An open workload injected from our own {@link ArrivalPlan}: Gatling's injector asks for a batch at injection start
 * and once a second; each batch starts a user for every arrival due before the next batch plus a second of
 * look-ahead, and files the arrival (its level and exact time) under the user's id for {@link AwaitArrival}, which
 * holds the user until that time to the microsecond (Gatling's own delays are whole milliseconds).
 */
public final class OpenInjection {

  private OpenInjection() {}

  /** The arrival of each started user, by Gatling user id; taken once. */
  public static final class Tickets {
    private final Map<Long, ArrivalPlan.Arrival> byUser = new ConcurrentHashMap<>();
    private volatile long anchorNanos = Long.MIN_VALUE;

    void put(long userId, ArrivalPlan.Arrival arrival) {
      byUser.put(userId, arrival);
    }

    /** The arrival of user {@code userId}, or null. */
    public ArrivalPlan.Arrival take(long userId) {
      return byUser.remove(userId);
    }

    /** The run clock's zero the arrivals count from ({@code System.nanoTime()}). */
    public long anchorNanos() {
      return anchorNanos;
    }
  }

  /**
   * {@code population} (whose own injection profile is replaced) injected from the plan {@code plan} gives when the
   * population starts (a rate sweep chooses its rates then). Arrival times count from the run clock's zero.
   */
  public static PopulationBuilder population(PopulationBuilder population, java.util.function.Supplier<ArrivalPlan> plan, Tickets tickets,
      InjectionAnchor.Listener listener) {
    return InjectionAnchor.withProfile(population, new Profile(plan, tickets, listener));
  }

  private static final class Profile implements InjectionProfile {
    private final java.util.function.Supplier<ArrivalPlan> plan;
    private final Tickets tickets;
    private final InjectionAnchor.Listener listener;

    Profile(java.util.function.Supplier<ArrivalPlan> plan, Tickets tickets, InjectionAnchor.Listener listener) {
      this.plan = plan;
      this.tickets = tickets;
      this.listener = listener;
    }

    @Override
    public Option<Object> totalUserCount() {
      return Option.empty();
    }

    @Override
    public Workload workload(Scenario scenario, AtomicLong userIdGen, long startTime, EventLoopGroup eventLoopGroup, StatsEngine statsEngine,
        Clock clock) {
      long nanos = System.nanoTime();
      listener.onInjectionStart(nanos, System.currentTimeMillis());
      long anchor = listener.runAnchorNanos();
      tickets.anchorNanos = anchor == Long.MIN_VALUE ? nanos : anchor;
      ArrivalPlan arrivals = plan.get();
      java.time.Duration left = java.time.Duration.ofNanos(Math.max(0, arrivals.endNanos() - (nanos - tickets.anchorNanos)));
      return new Arrivals(scenario, userIdGen, eventLoopGroup, statsEngine, arrivals, left, tickets, listener);
    }
  }

  private static final class Arrivals extends Workload {
    private static final long LOOK_AHEAD_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final AtomicLong userIdGen;
    private final ArrivalPlan plan;
    private final FiniteDuration total;
    private final Tickets tickets;
    private final InjectionAnchor.Listener listener;

    Arrivals(Scenario scenario, AtomicLong userIdGen, EventLoopGroup eventLoopGroup, StatsEngine statsEngine, ArrivalPlan plan,
        java.time.Duration total, Tickets tickets, InjectionAnchor.Listener listener) {
      super(scenario, userIdGen, eventLoopGroup, statsEngine);
      this.userIdGen = userIdGen;
      this.plan = plan;
      this.total = FiniteDuration.apply(total.toNanos(), TimeUnit.NANOSECONDS);
      this.tickets = tickets;
      this.listener = listener;
    }

    @Override
    public void injectBatch(FiniteDuration batchWindow) {
      if (listener.stopRequested()) {
        setAllScheduled();
        return;
      }
      long elapsed = System.nanoTime() - tickets.anchorNanos;
      long horizon = elapsed + batchWindow.toNanos() + LOOK_AHEAD_NANOS;
      while (plan.hasNext() && plan.peekNanos() < horizon) {
        ArrivalPlan.Arrival arrival = plan.next();
        // injectUser takes the next id; the injector calls us on its one thread, so nothing takes it in between
        tickets.put(userIdGen.get() + 1, arrival);
        long delayMillis = Math.max(0, (arrival.atNanos() - elapsed) / 1_000_000); // early by < 1 ms; AwaitArrival waits the rest
        injectUser(FiniteDuration.apply(delayMillis, TimeUnit.MILLISECONDS));
      }
      if (!plan.hasNext()) {
        setAllScheduled();
      }
    }

    @Override
    public void endUser() {
      incrementStoppedUsers();
    }

    @Override
    public FiniteDuration duration() {
      return total;
    }

    @Override
    public boolean isEmpty() {
      return false;
    }
  }
}
