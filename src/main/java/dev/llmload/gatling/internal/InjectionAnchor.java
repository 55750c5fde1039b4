package dev.llmload.gatling.internal;

import io.gatling.commons.util.Clock;
import io.gatling.core.controller.inject.InjectionProfile;
import io.gatling.core.controller.inject.Workload;
import io.gatling.core.controller.inject.closed.ClosedWorkload;
import io.gatling.core.scenario.Scenario;
import io.gatling.core.stats.StatsEngine;
import io.gatling.javaapi.core.PopulationBuilder;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.atomic.AtomicLong;
import scala.Option;
import scala.concurrent.duration.FiniteDuration;

/**
 * Tells the run what Gatling's injector does, as it does it: the instant it starts injecting a population (the run
 * clock's zero) and, for a closed workload, each batch in which it sets the number of users.
 *
 * <p>Gatling's injector builds each population's workload at injection start, right after starting a one-second
 * timer. At start and on every tick it calls the closed workload's {@code injectBatch}, which looks up the step
 * running one second ahead and adds the users missing to reach its concurrency; users that end between two batches
 * are replaced up to the last batch's target. So a closed-workload user belongs to the step of the batch in force
 * when it started - Gatling's own view, exact to the user - while the send time alone can be off by the few
 * milliseconds the injector's code takes to run the first time (its timer starts before our stamp).
 */
public final class InjectionAnchor {

  private InjectionAnchor() {}

  /** What the injector tells; called on Gatling's injector thread. */
  public interface Listener {
    /**
     * Gatling starts injecting the population: the first call is the run clock's zero.
     *
     * @param nanoTime the instant, {@code System.nanoTime()}
     * @param epochMillis the same instant in wall-clock time
     */
    void onInjectionStart(long nanoTime, long epochMillis);

    /**
     * A closed workload's batch number {@code batch} (0 at injection start, then one per second) sets the users of
     * the step running at {@code batch + 1} seconds; called before any of its users is started.
     */
    void onClosedBatch(int batch);

    /** True once the run should start no more users (a saturated level, a maximum duration). */
    boolean stopRequested();

    /** The run clock's zero ({@code System.nanoTime()}), {@link Long#MIN_VALUE} before it is set. */
    long runAnchorNanos();
  }

  /** {@code population}, whose injection reports to {@code listener}. */
  public static PopulationBuilder anchored(PopulationBuilder population, Listener listener) {
    return withProfile(population, new Anchored(population.asScala().injectionProfile(), listener));
  }

  /** {@code population} injected by {@code profile} instead of its own. */
  static PopulationBuilder withProfile(PopulationBuilder population, InjectionProfile profile) {
    io.gatling.core.structure.PopulationBuilder p = population.asScala();
    return new PopulationBuilder(p.copy(p.scenarioBuilder(), profile, p.scenarioProtocols(), p.scenarioThrottleSteps(), p.pauseType(),
        p.children(), p.shard()));
  }

  private static final class Anchored implements InjectionProfile {
    private final InjectionProfile delegate;
    private final Listener listener;

    Anchored(InjectionProfile delegate, Listener listener) {
      this.delegate = delegate;
      this.listener = listener;
    }

    @Override
    public Option<Object> totalUserCount() {
      return delegate.totalUserCount();
    }

    @Override
    public Workload workload(Scenario scenario, AtomicLong userIdGen, long startTime, EventLoopGroup eventLoopGroup, StatsEngine statsEngine,
        Clock clock) {
      listener.onInjectionStart(System.nanoTime(), System.currentTimeMillis());
      Workload workload = delegate.workload(scenario, userIdGen, startTime, eventLoopGroup, statsEngine, clock);
      // Only closed workloads are watched: the injector treats an open workload's first batch specially by its class.
      return workload instanceof ClosedWorkload closed ? new WatchedClosedWorkload(closed, listener, scenario, userIdGen, eventLoopGroup,
          statsEngine) : workload;
    }

    @Override
    public String toString() {
      return delegate.toString();
    }
  }

  /** A closed workload that reports each batch before running it; everything else is the wrapped workload's. */
  private static final class WatchedClosedWorkload extends Workload {
    private final ClosedWorkload delegate;
    private final Listener listener;
    private int batches;

    WatchedClosedWorkload(ClosedWorkload delegate, Listener listener, Scenario scenario, AtomicLong userIdGen, EventLoopGroup eventLoopGroup,
        StatsEngine statsEngine) {
      super(scenario, userIdGen, eventLoopGroup, statsEngine);
      this.delegate = delegate;
      this.listener = listener;
    }

    @Override
    public void injectBatch(FiniteDuration batchWindow) {
      if (listener.stopRequested()) {
        delegate.setAllScheduled(); // no more users; the ones running end after their request
        return;
      }
      listener.onClosedBatch(batches++);
      delegate.injectBatch(batchWindow);
    }

    @Override
    public void endUser() {
      if (listener.stopRequested() && !delegate.isAllUsersScheduled()) {
        delegate.setAllScheduled(); // no replacement user once the run stops
      }
      delegate.endUser();
    }

    @Override
    public FiniteDuration duration() {
      return delegate.duration();
    }

    @Override
    public boolean isEmpty() {
      return delegate.isEmpty();
    }

    @Override
    public boolean isAllUsersScheduled() {
      return delegate.isAllUsersScheduled();
    }

    @Override
    public boolean isAllUsersStopped() {
      return delegate.isAllUsersStopped();
    }

    @Override
    public String scenarioName() {
      return delegate.scenarioName();
    }
  }
}
