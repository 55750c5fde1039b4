package dev.llmload.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmload.server.faults.FaultKind;
import dev.llmload.server.truth.GroundTruth;
import dev.llmload.server.truth.RequestTruth;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;

/**
 * {@code GET /debug/requests[?requestId=<id>][&limit=<n>]}: the ground truth as JSON, for tools outside the JVM;
 * with {@code requestId}, also {@code timesProcessed} of that id ({@link GroundTruth#timesProcessed}).
 * Times are the server JVM's {@code System.nanoTime()}: only differences between them mean anything out there.
 */
final class DebugRequests {

  private DebugRequests() {}

  static String render(GroundTruth truth, QueryStringDecoder query) {
    List<RequestTruth> requests;
    List<String> ids = query.parameters().get("requestId");
    if (ids != null && !ids.isEmpty()) {
      requests = truth.findAll(ids.get(0));
    } else {
      requests = truth.snapshot();
    }
    List<String> limits = query.parameters().get("limit");
    if (limits != null && !limits.isEmpty()) {
      int limit;
      try {
        limit = Integer.parseInt(limits.get(0));
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("limit must be an integer, was '" + limits.get(0) + "'.", "limit");
      }
      if (limit < 0) {
        throw ApiError.badRequest("limit must be zero or positive, was " + limit + ".", "limit");
      }
      requests = requests.subList(Math.max(0, requests.size() - limit), requests.size());
    }
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("received", truth.requestsReceived());
    root.put("completed", truth.requestsCompleted());
    root.put("cut", truth.requestsCut());
    root.put("errored", truth.requestsErrored());
    root.put("rejected", truth.requestsRejected());
    root.put("cancelled", truth.requestsCancelled());
    root.put("inProgress", truth.requestsInProgress());
    root.put("duplicateRequestIds", truth.duplicateRequestIds());
    root.put("capacity", truth.capacity());
    if (ids != null && !ids.isEmpty()) {
      root.put("timesProcessed", truth.timesProcessed(ids.get(0)));
    }
    ArrayNode list = root.putArray("requests");
    for (RequestTruth t : requests) {
      ObjectNode r = list.addObject();
      r.put("requestId", t.requestId());
      r.put("model", t.model());
      r.put("stream", t.stream());
      r.put("receivedNanos", t.receivedNanos());
      r.put("firstContentNanos", t.firstContentNanos());
      r.put("lastContentNanos", t.lastContentNanos());
      ArrayNode writes = r.putArray("contentWriteNanos");
      for (long nanos : t.contentWriteNanos()) {
        writes.add(nanos);
      }
      r.put("promptTokens", t.promptTokens());
      r.put("cachedPromptTokens", t.cachedPromptTokens());
      r.put("completionTokens", t.completionTokens());
      r.put("outcome", t.outcome().jsonName());
      r.put("attempt", t.attempt());
      r.put("httpStatus", t.httpStatus());
      r.put("injectedFault", t.injectedFault().map(FaultKind::configName).orElse(null));
    }
    return root.toString();
  }
}
