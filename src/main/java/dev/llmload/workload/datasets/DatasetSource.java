package dev.llmload.workload.datasets;

import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.RequestSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests of a dataset in file order, starting over after the last: request {@code n} of the run is record
 * {@code n mod size}, whichever user or level asks. Thread-safe and allocation-free (one atomic increment per call).
 */
public final class DatasetSource implements RequestSource {

  private final List<PlannedRequest> records;
  private final AtomicLong index = new AtomicLong();

  /** @param records the dataset's requests, at least one (see {@link Datasets#read}) */
  public DatasetSource(List<PlannedRequest> records) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("a dataset source needs at least one record");
    }
    this.records = List.copyOf(records);
  }

  @Override
  public PlannedRequest next(LoadLevel level) {
    return records.get((int) Math.floorMod(index.getAndIncrement(), (long) records.size()));
  }

  /** How many records the dataset holds. */
  public int size() {
    return records.size();
  }
}
