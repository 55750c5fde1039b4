package dev.llmload.server.http;

import dev.llmload.server.ServerSettings;
import dev.llmload.server.engine.EngineLoop;
import dev.llmload.server.faults.FaultPicker;
import dev.llmload.server.faults.StaleDrops;
import dev.llmload.server.metrics.ServerMetrics;
import dev.llmload.server.text.Seeds;
import dev.llmload.server.truth.GroundTruth;
import java.util.concurrent.atomic.AtomicLong;

/** What every channel handler of one server shares. */
record ServerState(
    ServerSettings settings,
    EngineLoop engine,
    GroundTruth truth,
    ServerMetrics metrics,
    RequestParser parser,
    FaultPicker faults,
    StaleDrops staleDrops,
    long startedEpochSeconds,
    AtomicLong requestCounter,
    dev.llmload.server.text.Vocabulary vocabulary) {

  /** A request id for a client that sent none: 24 hex digits, unique per server, repeatable per seed. */
  String newRequestId() {
    long n = requestCounter.incrementAndGet();
    return String.format("%016x%08x", Seeds.mix(settings.seed(), n), n & 0xffffffffL);
  }
}
