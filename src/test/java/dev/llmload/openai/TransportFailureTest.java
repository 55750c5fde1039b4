package dev.llmload.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmload.metrics.FailureKind;
import org.junit.jupiter.api.Test;

class TransportFailureTest {

  @Test
  void aWireNameIsReadAsItsKind() {
    TransportFailure f = new TransportFailure("transport_error", "the request failed", -1);
    assertEquals(new TransportFailure(FailureKind.TRANSPORT_ERROR, "the request failed", -1), f);
    assertEquals("transport_error", f.kind());
  }

  @Test
  void aNameThatIsNoFailureKindIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TransportFailure("transport-error", "x", -1));
    assertEquals("failure kind must be one of http_error, rate_limited, error_event, stream_cut, stream_restarted, timeout, "
        + "connection_refused, protocol_error, empty_response, transport_error, malformed_chunk, unknown, was \"transport-error\"", e.getMessage());
  }
}
