package io.shoal.node.sse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain SSE reader over java.net.http: one thread per open stream parses {@code id:}/{@code event:}/{@code data:}
 * lines into events, the way a browser's EventSource does (a blank line dispatches; a dispatch with no id, type
 * or data is a keep-alive).
 */
final class SseClient {

  /** One received event. */
  record Received(long id, String event, String data) {}

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final int port;

  SseClient(int port) {
    this.port = port;
  }

  HttpResponse<String> get(String pathAndQuery, Optional<String> lastEventId) throws Exception {
    return http.send(request(pathAndQuery, lastEventId), HttpResponse.BodyHandlers.ofString());
  }

  /** Opens a stream; returns once the response headers are in (the route admitted it). */
  Stream open(String pathAndQuery, Optional<String> lastEventId) throws Exception {
    HttpResponse<InputStream> response =
        http.send(request(pathAndQuery, lastEventId), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
      throw new AssertionError("stream refused: " + response.statusCode() + " " + body);
    }
    if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      throw new AssertionError("not an event stream: " + response.headers());
    }
    return new Stream(response.body());
  }

  private HttpRequest request(String pathAndQuery, Optional<String> lastEventId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", "text/event-stream");
    lastEventId.ifPresent(id -> request.header("Last-Event-ID", id));
    return request.GET().build();
  }

  /** An open stream, read on its own thread until closed. */
  static final class Stream implements AutoCloseable {
    private final InputStream body;
    private final List<Received> events = new ArrayList<>();
    private final AtomicInteger keepAlives = new AtomicInteger();
    private final Thread reader;
    private volatile boolean closed;
    private volatile Throwable failure;

    Stream(InputStream body) {
      this.body = body;
      this.reader = new Thread(this::read, "sse-reader");
      this.reader.setDaemon(true);
      this.reader.start();
    }

    private void read() {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String id = null;
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.isEmpty()) {
            if (id == null && event == null && (data == null || data.length() == 0)) {
              keepAlives.incrementAndGet();
            } else {
              synchronized (events) {
                events.add(new Received(Long.parseLong(id), event, data == null ? "" : data.toString()));
              }
            }
            id = null;
            event = null;
            data = null;
          } else if (line.startsWith(":")) {
            keepAlives.incrementAndGet();
          } else if (line.startsWith("id:")) {
            id = value(line);
          } else if (line.startsWith("event:")) {
            event = value(line);
          } else if (line.startsWith("data:")) {
            data = data == null ? new StringBuilder(value(line)) : data.append('\n').append(value(line));
          }
        }
      } catch (IOException e) {
        if (!closed) {
          failure = e;
        }
      } catch (RuntimeException e) {
        failure = e;
      }
    }

    private static String value(String line) {
      String value = line.substring(line.indexOf(':') + 1);
      return value.startsWith(" ") ? value.substring(1) : value;
    }

    List<Received> events() {
      synchronized (events) {
        return List.copyOf(events);
      }
    }

    int keepAlives() {
      return keepAlives.get();
    }

    /** Whether the server ended the stream (the reader saw its end). */
    boolean ended() {
      return !reader.isAlive();
    }

    Throwable failure() {
      return failure;
    }

    /** Drops the connection, as a client that goes away does. */
    @Override
    public void close() {
      closed = true;
      try {
        body.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
