package dev.llmload.telemetry.resources;

import dev.llmload.telemetry.PromSample;
import dev.llmload.telemetry.PrometheusText;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads NVIDIA's DCGM exporter ({@code dcgm-exporter}, port {@value #DEFAULT_PORT}, {@code /metrics}), one GET per
 * {@link #scrape()}. Of its default counters it reads, per {@code gpu} label:
 *
 * <ul>
 *   <li>{@code DCGM_FI_DEV_FB_USED}, {@code DCGM_FI_DEV_FB_FREE}: framebuffer memory used and free, MiB (total = both);
 *   <li>{@code DCGM_FI_DEV_GPU_UTIL}: utilisation, %;
 *   <li>{@code DCGM_FI_DEV_POWER_USAGE}: power draw, W;
 *   <li>{@code DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION}: energy since boot, mJ, a counter - summed over the GPUs, in J.
 * </ul>
 *
 * The GPU's name is its {@code modelName} label when present. Names and units as the exporter's
 * {@code etc/default-counters.csv} states them.
 */
public final class DcgmExporter {

  /** The exporter's default port. */
  public static final int DEFAULT_PORT = 9400;

  /** How long one scrape may take. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  static final String FB_USED = "DCGM_FI_DEV_FB_USED";
  static final String FB_FREE = "DCGM_FI_DEV_FB_FREE";
  static final String GPU_UTIL = "DCGM_FI_DEV_GPU_UTIL";
  static final String POWER_USAGE = "DCGM_FI_DEV_POWER_USAGE";
  static final String TOTAL_ENERGY = "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION";

  private final URI url;
  private final Duration timeout;
  private final HttpClient client;

  /**
   * @param url the exporter's address; one without a path (or with "/") gets {@code /metrics}
   * @param timeout how long one scrape may take, above 0
   */
  public DcgmExporter(URI url, Duration timeout) {
    Objects.requireNonNull(url, "url");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be above 0, was " + timeout);
    }
    String path = url.getRawPath();
    this.url = path == null || path.isEmpty() || path.equals("/") ? url.resolve("/metrics") : url;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** {@code http://<host>:9400/metrics}, the exporter's default address on {@code host}. */
  public static URI defaultUrl(String host) {
    return URI.create("http://" + host + ":" + DEFAULT_PORT + "/metrics");
  }

  /** The address scraped. */
  public URI url() {
    return url;
  }

  /**
   * Scrapes the exporter once.
   *
   * @throws ResourceException when it cannot be reached, answers other than 200, or lists no GPU memory
   * @throws InterruptedException when interrupted while waiting
   */
  public DcgmReading scrape() throws ResourceException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new ResourceException("the DCGM exporter at " + url + " did not answer within " + timeout.toMillis()
          + " ms: check that it runs and is not overloaded");
    } catch (ConnectException e) {
      throw new ResourceException("the DCGM exporter at " + url + " refused the connection: start dcgm-exporter"
          + " there or correct its address", e);
    } catch (IOException e) {
      throw new ResourceException("the DCGM exporter at " + url + " could not be read (" + e + "): check its address",
          e);
    }
    if (response.statusCode() != 200) {
      throw new ResourceException("the DCGM exporter at " + url + " answered HTTP " + response.statusCode()
          + " instead of its metrics: check the address (dcgm-exporter serves /metrics on port " + DEFAULT_PORT + ")");
    }
    DcgmReading reading = parse(response.body());
    if (reading.gpus().isEmpty() && reading.energyJoules() == null) {
      throw new ResourceException("the DCGM exporter at " + url + " lists none of " + FB_USED + ", " + TOTAL_ENERGY
          + ": check that the address is dcgm-exporter's and that its counters include them");
    }
    return reading;
  }

  /**
   * Reads the five counters above from Prometheus text ({@link PrometheusText}, the parser the server's metrics go
   * through). Pure. Every other metric is skipped, as are samples without a {@code gpu} label. A GPU is listed when it
   * reports both {@code FB_USED} and {@code FB_FREE}.
   */
  static DcgmReading parse(String text) {
    Map<Integer, Map<String, Double>> byGpu = new TreeMap<>();
    Map<Integer, String> names = new HashMap<>();
    for (PromSample s : PrometheusText.parse(text).samples()) {
      String gpu = s.label("gpu");
      if (!isWanted(s.name()) || gpu == null) {
        continue;
      }
      int index;
      try {
        index = Integer.parseInt(gpu.strip());
      } catch (NumberFormatException e) {
        continue;
      }
      if (index < 0 || Double.isNaN(s.value())) {
        continue;
      }
      byGpu.computeIfAbsent(index, k -> new HashMap<>()).put(s.name(), s.value());
      String model = s.label("modelName");
      if (model != null) {
        names.putIfAbsent(index, model);
      }
    }
    List<GpuSample> gpus = new ArrayList<>();
    double energyMillijoules = 0;
    boolean anyEnergy = false;
    for (Map.Entry<Integer, Map<String, Double>> e : byGpu.entrySet()) {
      Map<String, Double> v = e.getValue();
      Double energy = v.get(TOTAL_ENERGY);
      if (energy != null && energy >= 0) {
        energyMillijoules += energy;
        anyEnergy = true;
      }
      Double used = v.get(FB_USED);
      Double free = v.get(FB_FREE);
      if (used == null || free == null || used < 0 || free < 0) {
        continue;
      }
      gpus.add(new GpuSample(e.getKey(), names.getOrDefault(e.getKey(), ""), used, used + free,
          nonNegative(v.get(GPU_UTIL)), nonNegative(v.get(POWER_USAGE))));
    }
    return new DcgmReading(gpus, anyEnergy ? energyMillijoules / 1000.0 : null);
  }

  private static boolean isWanted(String name) {
    return name.equals(FB_USED) || name.equals(FB_FREE) || name.equals(GPU_UTIL) || name.equals(POWER_USAGE)
        || name.equals(TOTAL_ENERGY);
  }

  private static Double nonNegative(Double v) {
    return v == null || !(v >= 0) ? null : v;
  }
}
