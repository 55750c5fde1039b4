package dev.llmload.gatling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSE stream as servers send it, whole and cut at every byte, and the data each event hands over. */
class SseDecoderTest {

  private static final String CHUNK = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" kade\"}}]}";

  /** Decodes {@code stream} sent in pieces cut at {@code cuts} (byte offsets). */
  private static List<String> decode(byte[] stream, int... cuts) {
    SseDecoder decoder = new SseDecoder();
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      feed(decoder, Arrays.copyOfRange(stream, from, cut), out);
      from = cut;
    }
    feed(decoder, Arrays.copyOfRange(stream, from, stream.length), out);
    return out;
  }

  private static void feed(SseDecoder decoder, byte[] piece, List<String> out) {
    ByteBuf buf = Unpooled.wrappedBuffer(piece);
    int before = buf.readerIndex();
    decoder.decode(buf, out::add);
    assertEquals(before, buf.readerIndex(), "the decoder reads without consuming");
  }

  private static List<String> decode(String stream) {
    return decode(stream.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void oneEventPerDataLineAndBlankLine() {
    assertEquals(List.of(CHUNK, "[DONE]"), decode("data: " + CHUNK + "\n\ndata: [DONE]\n\n"));
  }

  @Test
  void crAndCrlfEndLinesToo() {
    assertEquals(List.of("a", "b", "c"), decode("data: a\r\n\r\ndata: b\r\rdata: c\n\r\n"));
  }

  @Test
  void theSpaceAfterTheColonIsOptionalAndOnlyOneIsRemoved() {
    assertEquals(List.of("x", " y"), decode("data:x\n\ndata:  y\n\n"));
  }

  @Test
  void severalDataLinesAreJoinedWithLf() {
    assertEquals(List.of("first\nsecond"), decode("data: first\ndata: second\n\n"));
  }

  @Test
  void commentsOtherFieldsAndEventsWithoutDataAreSkipped() {
    String stream = ": keep-alive\n\nevent: ping\nid: 7\nretry: 500\n\nevent: error\ndata: {\"error\":\"boom\"}\n\ndatum: no\n\n";
    assertEquals(List.of("{\"error\":\"boom\"}"), decode(stream));
  }

  @Test
  void emptyDataIsNotAnEvent() {
    assertEquals(List.of("z"), decode("data:\n\ndata\n\ndata: z\n\n"));
  }

  @Test
  void anEventNotEndedByABlankLineIsNotHandedOver() {
    assertEquals(List.of("a"), decode("data: a\n\ndata: b\n"));
  }

  @Test
  void aLeadingByteOrderMarkIsSkippedOnce() {
    assertEquals(List.of("a"), decode("\uFEFFdata: a\n\n"));
    assertEquals(List.of("a"), decode("data: a\n\uFEFFdata: b\n\n"), "the line that starts with it is not a data line");
  }

  @Test
  void everyCutOfTheStreamGivesTheSameEvents() {
    String text = "\uFEFFdata: " + CHUNK + "\r\n\r\n: c\ndata: \u00e9t\u00e9 \u2014 \ud83d\ude00\rdata: 2\r\rdata: [DONE]\n\n";
    byte[] stream = text.getBytes(StandardCharsets.UTF_8);
    List<String> whole = decode(stream);
    assertEquals(List.of(CHUNK, "\u00e9t\u00e9 \u2014 \ud83d\ude00\n2", "[DONE]"), whole);
    for (int cut = 1; cut < stream.length; cut++) {
      assertEquals(whole, decode(stream, cut), "cut at byte " + cut);
      for (int second = cut + 1; second < stream.length; second += 7) {
        assertEquals(whole, decode(stream, cut, second), "cut at bytes " + cut + " and " + second);
      }
    }
  }

  @Test
  void byteByByteGivesTheSameEvents() {
    byte[] stream = ("data: " + CHUNK + "\r\n\r\ndata: [DONE]\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    int[] cuts = new int[stream.length - 1];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = i + 1;
    }
    assertEquals(List.of(CHUNK, "[DONE]"), decode(stream, cuts));
  }

  @Test
  void aStreamThatStartsLikeAByteOrderMarkButIsNotOneKeepsItsBytes() {
    byte[] stream = {(byte) 0xEF, (byte) 0xBB, 'x', '\n', 'd', 'a', 't', 'a', ':', 'q', '\n', '\n'};
    assertEquals(List.of("q"), decode(stream, 1));
    assertEquals(List.of("q"), decode(stream, 2));
  }

  @Test
  void aLongLineAcrossManyReadsIsKeptWhole() {
    String longText = "t".repeat(5_000);
    byte[] stream = ("data: " + longText + "\n\n").getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of(longText), decode(stream, 100, 300, 1_000, 4_000));
  }

  @Test
  void emptyReadsChangeNothing() {
    SseDecoder decoder = new SseDecoder();
    List<String> out = new ArrayList<>();
    feed(decoder, new byte[0], out);
    feed(decoder, "\uFEFFdata: a\n".getBytes(StandardCharsets.UTF_8), out);
    feed(decoder, new byte[0], out);
    feed(decoder, "\n".getBytes(StandardCharsets.UTF_8), out);
    assertEquals(List.of("a"), out);
  }
}
