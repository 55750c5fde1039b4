package dev.llmload.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately small HTTP/1.1 client on one socket, for tests that need the wire: persistent connections,
 * pipelining, the exact chunked body, when each chunk arrived, and a connection closed mid-body. Reads time out
 * after 10 s, so a broken server fails a test instead of hanging it.
 */
public final class RawHttp implements Closeable {

  /**
   * One response.
   *
   * @param status the status code, or -1 when the connection closed before a status line
   * @param headers lower-cased names
   * @param chunks each HTTP chunk's payload (one element for a content-length body)
   * @param chunkNanos {@code System.nanoTime()} when each chunk had been read
   * @param complete the body ended properly (terminal chunk or full content length)
   * @param headersNanos when the status line had been read
   */
  public record Response(int status, Map<String, String> headers, List<String> chunks, List<Long> chunkNanos,
      boolean complete, long headersNanos) {

    public String body() {
      return String.join("", chunks);
    }

    /** The {@code data:} payloads of an SSE body, in order. */
    public List<String> events() {
      List<String> events = new ArrayList<>();
      for (String block : body().split("\n\n")) {
        if (block.startsWith("data: ")) {
          events.add(block.substring("data: ".length()));
        }
      }
      return events;
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String hostHeader;

  public RawHttp(URI uri) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
    socket.setSoTimeout(10_000);
    socket.setTcpNoDelay(true);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    hostHeader = uri.getHost() + ":" + uri.getPort();
  }

  public static String request(String method, String path, Map<String, String> headers, String body) {
    StringBuilder req = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Host", "localhost");
    all.putAll(headers);
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      all.put("Content-Length", Integer.toString(bytes.length));
    }
    all.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
    return req.append("\r\n").append(body == null ? "" : body).toString();
  }

  public static String postJson(String path, String body, Map<String, String> extraHeaders) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.putAll(extraHeaders);
    return request("POST", path, headers, body);
  }

  /** Writes raw request bytes (one or several pipelined requests). */
  public void send(String requests) throws IOException {
    out.write(requests.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  public Response exchange(String request) throws IOException {
    send(request);
    return read();
  }

  /** Reads one response; a connection closed mid-way gives {@code complete=false}. */
  public Response read() throws IOException {
    List<String> chunks = new ArrayList<>();
    List<Long> chunkNanos = new ArrayList<>();
    Map<String, String> headers = new LinkedHashMap<>();
    String statusLine = line();
    if (statusLine == null) {
      return new Response(-1, headers, chunks, chunkNanos, false, -1);
    }
    long headersNanos = System.nanoTime();
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    for (String h = line(); h != null && !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      while (true) {
        String size = line();
        if (size == null) {
          return new Response(status, headers, chunks, chunkNanos, false, headersNanos);
        }
        int n = Integer.parseInt(size.trim(), 16);
        if (n == 0) {
          for (String t = line(); t != null && !t.isEmpty(); t = line()) {
            // trailers
          }
          return new Response(status, headers, chunks, chunkNanos, true, headersNanos);
        }
        byte[] data = in.readNBytes(n);
        if (data.length < n) {
          return new Response(status, headers, chunks, chunkNanos, false, headersNanos);
        }
        chunks.add(new String(data, StandardCharsets.UTF_8));
        chunkNanos.add(System.nanoTime());
        line();
      }
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] data = in.readNBytes(length);
    chunks.add(new String(data, StandardCharsets.UTF_8));
    chunkNanos.add(System.nanoTime());
    return new Response(status, headers, chunks, chunkNanos, data.length == length, headersNanos);
  }

  /** Reads only the status line and headers of a response (for streams the test abandons). */
  public Response readHead() throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    String statusLine = line();
    if (statusLine == null) {
      return new Response(-1, headers, List.of(), List.of(), false, -1);
    }
    long headersNanos = System.nanoTime();
    for (String h = line(); h != null && !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, List.of(), List.of(), false,
        headersNanos);
  }

  /** True when the server has closed the connection (reads end of stream). */
  public boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketException e) {
      return true;
    }
  }

  /**
   * Reads until the server closes the connection and returns the bytes that came before the end of stream (none: the
   * server closed without a byte). A connection still open after the read timeout fails the test with a
   * {@link java.net.SocketTimeoutException}; a reset fails it with a {@link SocketException}.
   */
  public byte[] readUntilClosed() throws IOException {
    return in.readAllBytes();
  }

  /** True when for {@code quiet} nothing arrives and the connection stays open. */
  public boolean staysOpenFor(Duration quiet) throws IOException {
    int before = socket.getSoTimeout();
    socket.setSoTimeout(Math.toIntExact(quiet.toMillis()));
    try {
      in.read();
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      socket.setSoTimeout(before);
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    try {
      while ((b = in.read()) != -1) {
        if (b == '\n') {
          byte[] bytes = buf.toByteArray();
          int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
          return new String(bytes, 0, len, StandardCharsets.UTF_8);
        }
        buf.write(b);
      }
    } catch (SocketException e) {
      return null;
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
