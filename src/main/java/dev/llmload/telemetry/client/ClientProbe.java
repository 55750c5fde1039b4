package dev.llmload.telemetry.client;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's vital signs while a run goes, on one daemon thread ({@code llm-client-probe}): every probe period
 * (default 20 ms) it probes the registered event loops and notes its own wake-up lateness ({@link EventLoopProbe});
 * every sample period (default 200 ms) it samples the client's CPU ({@link ClientCpu}), takes the loop delays and
 * the GC pauses ({@link GcPauses}) since the previous sample, and keeps one {@link ClientSample} (with the
 * interval's delay histograms, compressed) - the newest {@code retention / samplePeriod} of them, so any window
 * can be asked after the fact ({@link #window}): levels are known only by their run-clock windows.
 *
 * <p>Use: {@link #start(Settings)} before the load, {@link #register} every event loop the client's requests run on
 * (cheap; repeats are no-ops), {@link #sampleNow()} at a level's end, {@link #window} and {@link ClientVerdict} per
 * level, {@link #samples()} for the time-series log, {@link #close()} at the end. Thread-safe.
 */
public final class ClientProbe implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClientProbe.class);

  private final Settings settings;
  private final EventLoopProbe loops;
  private final ClientCpu cpu;
  private final GcPauses gcPauses;
  private final int availableCores;
  private final ArrayDeque<Slot> slots = new ArrayDeque<>();
  private final Thread thread;
  private volatile boolean closed;
  private long lastSampleNanos;
  private boolean failureLogged;

  private ClientProbe(Settings settings) {
    this.settings = settings;
    this.loops = new EventLoopProbe(settings.probePeriod().toNanos());
    this.cpu = new ClientCpu(settings.excludedThreadPrefixes());
    this.gcPauses = GcPauses.listening(GcPauses.DEFAULT_CAPACITY);
    this.availableCores = ClientCpu.availableCores();
    this.lastSampleNanos = System.nanoTime();
    this.thread = new Thread(this::run, "llm-client-probe");
    thread.setDaemon(true);
  }

  /** Starts probing with {@code settings}. */
  public static ClientProbe start(Settings settings) {
    ClientProbe probe = new ClientProbe(settings);
    probe.thread.start();
    return probe;
  }

  /** Starts probing with {@link Settings#DEFAULTS}. */
  public static ClientProbe start() {
    return start(Settings.DEFAULTS);
  }

  /** Probes {@code loop} from now on; a loop already probed (same instance) is a fast no-op. */
  public void register(Executor loop) {
    loops.register(loop);
  }

  /** How many distinct event loops are probed. */
  public int eventLoopCount() {
    return loops.loopCount();
  }

  /** Takes a sample now (e.g. at a level's end, so its window is covered to the end without waiting). */
  public void sampleNow() {
    sample(System.nanoTime());
  }

  /**
   * The client's vital signs over {@code [startNanos, endNanos)} ({@link System#nanoTime()} values): CPU prorated
   * from the samples overlapping it, loop delays from the samples at least half inside it, GC pauses that ended in
   * it. Empty when no kept sample overlaps it (asked before the first sample, or beyond the retention). A level's
   * run-clock window {@code [fromMicros, toMicros)} is {@code [anchor + fromMicros * 1000, anchor + toMicros * 1000)}
   * with the run clock's anchor ({@code RunRecorder}'s {@code System.nanoTime()} of the run clock's zero).
   */
  public Optional<ClientWindow> window(long startNanos, long endNanos) {
    if (endNanos - startNanos <= 0) {
      throw new IllegalArgumentException("a window must end after it starts, was " + startNanos + " to " + endNanos);
    }
    List<Slot> copy;
    synchronized (this) {
      copy = new ArrayList<>(slots);
    }
    return window(copy, startNanos, endNanos, gcPauses.pausesBetween(startNanos, endNanos), availableCores,
        TimeUnit.NANOSECONDS.toMicros(settings.probePeriod().toNanos()));
  }

  /** The kept samples, oldest first: the time series for the run's telemetry log. */
  public synchronized List<ClientSample> samples() {
    return slots.stream().map(Slot::sample).toList();
  }

  /** Stops the probe thread (its last partial sample is taken first) and the GC listeners. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sampleNow();
    gcPauses.close();
  }

  /**
   * How the probe runs.
   *
   * @param probePeriod how often each event loop is probed and the probe thread wakes; at least 1 ms
   * @param samplePeriod how often a sample is kept; at least the probe period
   * @param retention how long samples are kept (the newest retention / samplePeriod); at least the sample period
   * @param excludedThreadPrefixes names of threads that are not the client's (the embedded server's)
   */
  public record Settings(Duration probePeriod, Duration samplePeriod, Duration retention,
      List<String> excludedThreadPrefixes) {

    /** 20 ms probes, 200 ms samples, 4 hours kept, the simulated server's threads excluded. */
    public static final Settings DEFAULTS = new Settings(Duration.ofMillis(20), Duration.ofMillis(200),
        Duration.ofHours(4), ClientCpu.SIMULATED_SERVER_THREADS);

    public Settings {
      excludedThreadPrefixes = List.copyOf(excludedThreadPrefixes);
      if (probePeriod.compareTo(Duration.ofMillis(1)) < 0) {
        throw new IllegalArgumentException("probePeriod must be at least 1 ms, was " + probePeriod.toMillis() + " ms");
      }
      if (samplePeriod.compareTo(probePeriod) < 0) {
        throw new IllegalArgumentException("samplePeriod must be at least the probe period (" + probePeriod.toMillis()
            + " ms), was " + samplePeriod.toMillis() + " ms");
      }
      if (retention.compareTo(samplePeriod) < 0) {
        throw new IllegalArgumentException("retention must be at least the sample period (" + samplePeriod.toMillis()
            + " ms), was " + retention.toMillis() + " ms");
      }
    }

    int maxSamples() {
      return (int) Math.min(Integer.MAX_VALUE, retention.toNanos() / samplePeriod.toNanos());
    }
  }

  /** One kept sample and its interval's histograms (compressed; null when empty), in microseconds. */
  record Slot(ClientSample sample, byte[] loopDelayMicros, byte[] wakeLatenessMicros, long waitingMicros) {
  }

  /** The window over {@code slots} (a pure function, see {@link #window(long, long)}). */
  static Optional<ClientWindow> window(List<Slot> slots, long startNanos, long endNanos, GcPauses.Pauses gc,
      int availableCores, long probePeriodMicros) {
    double coveredNanos = 0;
    double cpuNanos = 0;
    double processNanos = 0;
    boolean processKnown = true;
    Histogram loop = new Histogram(2);
    Histogram wake = new Histogram(2);
    long waitingMicros = 0;
    for (Slot slot : slots) {
      ClientSample s = slot.sample();
      long overlap = Math.min(endNanos - s.startNanos(), s.wallNanos()) - Math.max(0, startNanos - s.startNanos());
      if (overlap <= 0) {
        continue;
      }
      coveredNanos += overlap;
      cpuNanos += s.cpuCoresUsed() * overlap;
      if (s.processCpuCoresUsed() == null) {
        processKnown = false;
      } else {
        processNanos += s.processCpuCoresUsed() * overlap;
      }
      if (2 * overlap >= s.wallNanos()) {
        add(loop, slot.loopDelayMicros());
        add(wake, slot.wakeLatenessMicros());
        waitingMicros = Math.max(waitingMicros, slot.waitingMicros());
      }
    }
    if (coveredNanos == 0) {
      return Optional.empty();
    }
    if (waitingMicros > 0) {
      loop.recordValueWithExpectedInterval(waitingMicros, probePeriodMicros);
    }
    return Optional.of(new ClientWindow(cpuNanos / coveredNanos, processKnown ? processNanos / coveredNanos : null,
        availableCores, millis(loop, 50), millis(loop, 99), loop.getTotalCount() == 0 ? null : loop.getMaxValue() / 1e3,
        gc.count(), gc.totalMs(), gc.maxMs(), millis(wake, 99), coveredNanos / 1e6));
  }

  private void run() {
    long probeNanos = settings.probePeriod().toNanos();
    long sampleNanos = settings.samplePeriod().toNanos();
    long nextProbe = System.nanoTime() + probeNanos;
    long nextSample = System.nanoTime() + sampleNanos;
    while (!closed) {
      long now = System.nanoTime();
      if (nextProbe - now > 0) {
        LockSupport.parkNanos(nextProbe - now);
        continue;
      }
      try {
        loops.recordWakeLateness(now - nextProbe);
        loops.probeLoops(now);
        if (now - nextSample >= 0) {
          sample(now);
          nextSample = Math.max(nextSample + sampleNanos, now + sampleNanos / 2);
        }
      } catch (RuntimeException e) {
        if (!failureLogged) {
          failureLogged = true;
          LOG.warn("The client probe failed once and goes on: {}", e.toString());
        }
      }
      nextProbe += probeNanos;
      if (nextProbe - now <= 0) {
        nextProbe = now + probeNanos;
      }
    }
  }

  private synchronized void sample(long now) {
    long wall = now - lastSampleNanos;
    if (wall <= 0) {
      return;
    }
    ClientCpu.Delta cpuDelta = cpu.sample();
    EventLoopProbe.Interval interval = loops.takeInterval();
    long waiting = loops.oldestWaitingNanos(now);
    long waitingMicros = waiting > settings.probePeriod().toNanos() ? TimeUnit.NANOSECONDS.toMicros(waiting) : 0;
    GcPauses.Pauses gc = gcPauses.pausesBetween(lastSampleNanos, now);
    Histogram loop = interval.loopDelayMicros();
    Double loopMax = loop.getTotalCount() == 0 && waitingMicros == 0 ? null
        : Math.max(loop.getTotalCount() == 0 ? 0 : loop.getMaxValue(), waitingMicros) / 1e3;
    ClientSample s = new ClientSample(lastSampleNanos, now, (double) cpuDelta.clientCpuNanos() / wall,
        cpuDelta.processCpuNanos() < 0 ? null : (double) cpuDelta.processCpuNanos() / wall, availableCores,
        loop.getTotalCount(), millis(loop, 99), loopMax, millis(interval.wakeLatenessMicros(), 99), gc.count(),
        gc.totalMs());
    slots.addLast(new Slot(s, compress(loop), compress(interval.wakeLatenessMicros()), waitingMicros));
    while (slots.size() > settings.maxSamples()) {
      slots.removeFirst();
    }
    lastSampleNanos = now;
  }

  private static Double millis(Histogram micros, double percentile) {
    return micros.getTotalCount() == 0 ? null : micros.getValueAtPercentile(percentile) / 1e3;
  }

  static byte[] compress(Histogram h) {
    if (h.getTotalCount() == 0) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int length = h.encodeIntoCompressedByteBuffer(buffer);
    return Arrays.copyOf(buffer.array(), length);
  }

  private static void add(Histogram into, byte[] compressed) {
    if (compressed == null) {
      return;
    }
    try {
      into.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0));
    } catch (DataFormatException e) {
      throw new IllegalStateException("a kept histogram could not be read back: " + e.getMessage(), e);
    }
  }
}
