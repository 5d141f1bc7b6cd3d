package io.shoal.node.bench.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * {@code GET /api/v1/pens/{id}} from this JVM over loopback: {@code concurrency} threads, each sending its next
 * request as soon as the last is answered (closed loop), over one java.net.http client (HTTP/1.1 keep-alive, so
 * one pooled connection per thread). The pens are taken in turn. Warm-up first, then a timed window.
 */
final class HttpLoad {

  /** Answers inside the timed window: 200s (their latency) and anything else. */
  record Result(int concurrency, long ok, long failed, long nanos, LatencySummary latency) {
    double requestsPerSecond() {
      return Figures.perSecond(ok, nanos);
    }
  }

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private HttpLoad() {}

  static Result measure(int port, String token, List<String> penIds, E2eSettings.Http settings, Progress progress)
      throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(REQUEST_TIMEOUT).build();
    List<HttpRequest> requests = penIds.stream()
        .map(pen -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/pens/" + pen))
            .header("Authorization", "Bearer " + token).timeout(REQUEST_TIMEOUT).GET().build())
        .toList();
    progress.say("http: %d connections, warm-up %d s", settings.concurrency(), settings.warmUp().toSeconds());
    Window warmUp = run(client, requests, settings.concurrency(), settings.warmUp());
    if (warmUp.ok.sum() == 0) {
      throw new IllegalStateException("GET /api/v1/pens/{id} never answered 200 during the warm-up ("
          + warmUp.failed.sum() + " other answers; last: " + warmUp.lastFailure + ")");
    }
    progress.say("http: timed window of %d s", settings.duration().toSeconds());
    Window timed = run(client, requests, settings.concurrency(), settings.duration());
    return new Result(settings.concurrency(), timed.ok.sum(), timed.failed.sum(), timed.nanos,
        LatencySummary.ofMicros(timed.micros));
  }

  /** One closed-loop run of {@code duration}. */
  private static final class Window {
    final ConcurrentHistogram micros = new ConcurrentHistogram(3);
    final LongAdder ok = new LongAdder();
    final LongAdder failed = new LongAdder();
    volatile String lastFailure;
    long nanos;
  }

  private static Window run(HttpClient client, List<HttpRequest> requests, int concurrency, Duration duration)
      throws Exception {
    Window window = new Window();
    ExecutorService threads = Executors.newFixedThreadPool(concurrency, new NamedThreads("http-load"));
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    try {
      List<Future<?>> loops = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        int first = t;
        loops.add(threads.submit(() -> {
          for (int i = first; System.nanoTime() < end; i += concurrency) {
            long sent = System.nanoTime();
            HttpResponse<byte[]> response =
                client.send(requests.get(i % requests.size()), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
              window.micros.recordValue((System.nanoTime() - sent) / 1000);
              window.ok.increment();
            } else {
              window.failed.increment();
              window.lastFailure = response.statusCode() + " " + new String(response.body());
            }
          }
          return null;
        }));
      }
      for (Future<?> loop : loops) {
        loop.get(duration.toMillis() + REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
      window.nanos = System.nanoTime() - start;
      return window;
    } finally {
      threads.shutdownNow();
    }
  }
}
