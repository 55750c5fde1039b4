package dev.llmload.telemetry.resources;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Samples the configured {@link ResourceSources} every interval on a daemon thread of its own and hands each
 * {@link ResourceSnapshot} to a consumer. {@link #start()} begins (the first snapshot at once), {@link #close()} stops
 * promptly: it interrupts a query under way (a running {@code nvidia-smi} is killed) and waits at most
 * {@link #CLOSE_WAIT_MILLIS} ms.
 *
 * <p>Sources are independent: one that fails leaves its part of the snapshot empty (null, or no GPUs) and the others go
 * on. Each problem is said once, in one sentence, through the notices consumer - a source that is missing
 * ({@code nvidia-smi} not found, no {@code /proc}), a source that failed (its first failure; later ones are silent),
 * the server process not found or gone, several processes summed under one name. GPUs come from {@code nvidia-smi}
 * when it answered, else from the DCGM exporter; energy only from the exporter.
 *
 * <p>Both consumers are called on the sampler's thread (or the caller's, for {@link #sample()}); they must not block
 * for long.
 */
public final class ResourceSampler implements AutoCloseable {

  /** The longest {@link #close()} waits for a snapshot under way. */
  public static final long CLOSE_WAIT_MILLIS = 2000;

  private final ResourceSources sources;
  private final Consumer<ResourceSnapshot> snapshots;
  private final Consumer<String> notices;
  private final LongSupplier clockNanos;
  private final ProcessMemory memory;
  private final Optional<NvidiaSmi> nvidiaSmi;
  private final Optional<DcgmExporter> dcgm;
  private final Set<String> said = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService executor;
  private long lastStartNanos;
  private boolean sampledYet;
  private volatile boolean started;
  private volatile boolean closed;

  /** As {@link #ResourceSampler(ResourceSources, Consumer, Consumer, LongSupplier)} on {@link System#nanoTime()}. */
  public ResourceSampler(ResourceSources sources, Consumer<ResourceSnapshot> snapshots, Consumer<String> notices) {
    this(sources, snapshots, notices, System::nanoTime);
  }

  /**
   * Prepares the sources (looks {@code nvidia-smi} up on the {@code PATH}); reads nothing until {@link #start()} or
   * {@link #sample()}.
   *
   * @param sources what to read and how often
   * @param snapshots receives each snapshot taken by the sampler's thread
   * @param notices receives each problem, once, as one sentence
   * @param clockNanos the clock stamped on each snapshot ({@link ResourceSnapshot#atNanos()}), e.g. the run's clock
   */
  public ResourceSampler(
      ResourceSources sources, Consumer<ResourceSnapshot> snapshots, Consumer<String> notices, LongSupplier clockNanos) {
    this(sources, snapshots, notices, clockNanos, ProcessMemory.ofThisMachine());
  }

  ResourceSampler(
      ResourceSources sources,
      Consumer<ResourceSnapshot> snapshots,
      Consumer<String> notices,
      LongSupplier clockNanos,
      ProcessMemory memory) {
    this.sources = Objects.requireNonNull(sources, "sources");
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.notices = Objects.requireNonNull(notices, "notices");
    this.clockNanos = Objects.requireNonNull(clockNanos, "clockNanos");
    this.memory = memory;
    this.nvidiaSmi = sources.nvidiaSmiCommand()
        .map(c -> new NvidiaSmi(c.equals(ResourceSources.AUTO) ? NvidiaSmi.DEFAULT_COMMAND : c, NvidiaSmi.DEFAULT_TIMEOUT));
    this.dcgm = sources.dcgmUrl().map(u -> new DcgmExporter(u, DcgmExporter.DEFAULT_TIMEOUT));
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "llm-resource-sampler");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts sampling: a snapshot now, then one every interval. They never overlap: a snapshot that takes longer than the
   * interval (a slow {@code nvidia-smi}) delays the next, and the runs it missed are skipped, not taken in a burst.
   * Once only.
   *
   * @return this
   * @throws IllegalStateException when started before or closed
   */
  public synchronized ResourceSampler start() {
    if (closed) {
      throw new IllegalStateException("the resource sampler is closed; make a new one");
    }
    if (started) {
      throw new IllegalStateException("the resource sampler is started already");
    }
    started = true;
    long millis = Math.max(1, sources.interval().toMillis());
    executor.scheduleAtFixedRate(this::sampleAndHand, 0, millis, TimeUnit.MILLISECONDS);
    return this;
  }

  private void sampleAndHand() {
    // a snapshot that ran long leaves runs due at once behind it: skip those rather than take a burst
    long now = System.nanoTime();
    if (sampledYet && now - lastStartNanos < sources.interval().toNanos() / 2) {
      return;
    }
    sampledYet = true;
    lastStartNanos = now;
    try {
      ResourceSnapshot s = sample();
      if (!closed) {
        snapshots.accept(s);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // a failing consumer must not end the schedule (the executor would drop every later run)
      once("consumer", "a resource snapshot could not be handled (" + e + "): later snapshots go on");
    }
  }

  /**
   * Takes one snapshot now, on the caller's thread, and answers it (it is not handed to the consumer). Problems go to
   * the notices consumer, once each, as on the sampler's thread.
   *
   * @throws InterruptedException when interrupted while a source was being read
   */
  public ResourceSnapshot sample() throws InterruptedException {
    long at = clockNanos.getAsLong();
    Long rss = serverRss();
    List<GpuSample> gpus = List.of();
    if (nvidiaSmi.isPresent()) {
      gpus = readNvidiaSmi(nvidiaSmi.get());
    }
    Double energy = null;
    if (dcgm.isPresent()) {
      try {
        DcgmReading reading = dcgm.get().scrape();
        energy = reading.energyJoules();
        if (gpus.isEmpty()) {
          gpus = reading.gpus();
        }
      } catch (ResourceException e) {
        once("dcgm", e.getMessage());
      }
    }
    return new ResourceSnapshot(at, rss, gpus, energy);
  }

  private List<GpuSample> readNvidiaSmi(NvidiaSmi smi) throws InterruptedException {
    Optional<String> missing = smi.unavailableReason();
    if (missing.isPresent()) {
      once("nvidia-smi", missing.get());
      return List.of();
    }
    try {
      return smi.query();
    } catch (ResourceException e) {
      once("nvidia-smi", e.getMessage());
      return List.of();
    }
  }

  private Long serverRss() {
    if (!sources.watchesProcess()) {
      return null;
    }
    Optional<String> unavailable = memory.unavailableReason();
    if (unavailable.isPresent()) {
      once("process", unavailable.get());
      return null;
    }
    if (sources.pid().isPresent()) {
      long pid = sources.pid().get();
      OptionalLong rss = memory.residentBytes(pid);
      if (rss.isPresent()) {
        said.add("process-seen");
        return rss.getAsLong();
      }
      once("process", said.contains("process-seen")
          ? "the server process " + pid + " is gone: its resident memory is no longer recorded"
          : "no process " + pid + " is running: the server's resident memory is not recorded; check its PID");
      return null;
    }
    String name = sources.processName().get();
    Optional<NamedProcessMemory> found = memory.residentBytes(name);
    if (found.isPresent()) {
      said.add("process-seen");
      NamedProcessMemory m = found.get();
      if (m.processCount() > 1) {
        once("process-count", m.processCount() + " processes are named " + name + " (PIDs " + pidList(m.pids())
            + "): the server's resident memory is their sum");
      }
      return m.residentBytes();
    }
    once("process", said.contains("process-seen")
        ? "no process named " + name + " is running any more: the server's resident memory is no longer recorded"
        : "no process named " + name + " is running: the server's resident memory is not recorded; check the name"
            + " (or give the PID)");
    return null;
  }

  private static String pidList(List<Long> pids) {
    StringBuilder out = new StringBuilder();
    for (Long p : pids) {
      out.append(out.length() == 0 ? "" : ", ").append(p);
    }
    return out.toString();
  }

  private void once(String source, String message) {
    if (said.add("said:" + source)) {
      notices.accept(message);
    }
  }

  /** Stops sampling; a snapshot under way is interrupted and not handed on. Waits at most {@link #CLOSE_WAIT_MILLIS}. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
