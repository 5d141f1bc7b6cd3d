package io.shoal.node.bench.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * {@code subscribers} SSE streams ({@code GET /api/v1/pens/{id}/events?assessments=true}) on one node, spread
 * over the pens, each read line by line by the java.net.http client's own threads (no thread per stream). While
 * frames flow, every event a subscriber receives is matched with the moment the pen published it
 * ({@link PublishedEvents}): delivery delay = received - published, both in this JVM.
 */
final class SseFanOut implements AutoCloseable {

  /**
   * @param expected deliveries the published events called for (each event x its pen's subscribers)
   * @param delivered deliveries received and matched with a publish time
   * @param connectNanos how long all streams took to open
   */
  record Result(int subscribers, int pens, long events, long expected, long delivered, long connectNanos,
      FrameProducer.Sent sent, LatencySummary delay) {}

  /** One received event: which pen, which sequence number, when. */
  private record Delivery(String penId, long sequenceNr, long nanos) {}

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** After the last stream opened: time for every pen's hub to show its topic subscription (subscribe-timeout). */
  private static final Duration SETTLE = Duration.ofSeconds(3);
  /** After the last frame was sent: time for the last events to reach every subscriber. */
  private static final Duration TAIL = Duration.ofSeconds(5);

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(REQUEST_TIMEOUT).build();
  private final List<Stream> streams = new ArrayList<>();
  private final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
  private final AtomicInteger failures = new AtomicInteger();
  private volatile String lastFailure;

  static Result measure(int port, IntFunction<String> tokenFor, List<String> penIds, PublishedEvents events,
      FrameProducer producer, double rate, E2eSettings.Sse settings, Progress progress) throws Exception {
    try (SseFanOut fanOut = new SseFanOut()) {
      return fanOut.run(port, tokenFor, penIds, events, producer, rate, settings, progress);
    }
  }

  private Result run(int port, IntFunction<String> tokenFor, List<String> penIds, PublishedEvents events,
      FrameProducer producer, double rate, E2eSettings.Sse settings, Progress progress) throws Exception {
    progress.say("sse: opening %d streams over %d pens", settings.subscribers(), penIds.size());
    long start = System.nanoTime();
    CountDownLatch open = new CountDownLatch(settings.subscribers());
    int[] perPen = new int[penIds.size()];
    for (int s = 0; s < settings.subscribers(); s++) {
      String pen = penIds.get(s % penIds.size());
      perPen[s % penIds.size()]++;
      HttpRequest request = HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/api/v1/pens/" + pen + "/events?assessments=true"))
          .header("Authorization", "Bearer " + tokenFor.apply(s)).header("Accept", "text/event-stream")
          .GET().build();
      Stream stream = new Stream(pen);
      streams.add(stream);
      CompletableFuture<HttpResponse<Void>> response = client.sendAsync(request, info -> {
        stream.status = info.statusCode();
        open.countDown();
        return HttpResponse.BodySubscribers.fromLineSubscriber(stream);
      });
      response.whenComplete((r, error) -> {
        if (error != null && !stream.cancelled) {
          failures.incrementAndGet();
          lastFailure = error.toString();
          open.countDown();
        }
      });
    }
    if (!open.await(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("only " + (settings.subscribers() - open.getCount()) + " of "
          + settings.subscribers() + " SSE streams opened within " + settings.connectTimeout());
    }
    long refused = streams.stream().filter(s -> s.status != 200).count();
    if (refused > 0 || failures.get() > 0) {
      throw new IllegalStateException(refused + " SSE streams refused, " + failures.get() + " failed (last: "
          + lastFailure + ")");
    }
    long connect = System.nanoTime() - start;
    progress.say("sse: %d streams open in %.1f s; frames at %.1f/s for %d s", settings.subscribers(), connect / 1e9,
        rate, settings.duration().toSeconds());
    Thread.sleep(SETTLE.toMillis());
    Map<String, Long> published = events.recordPublishTimes();
    deliveries.clear();
    FrameProducer.Sent sent;
    try {
      sent = producer.atRate("sse", rate, settings.duration());
      Thread.sleep(TAIL.toMillis());
    } finally {
      events.stopPublishTimes();
    }
    long expected = 0;
    for (String key : published.keySet()) {
      expected += perPen[penIds.indexOf(key.substring(0, key.lastIndexOf('#')))];
    }
    Histogram delay = new Histogram(3);
    long matched = 0;
    for (Delivery d : deliveries) {
      Long at = published.get(PublishedEvents.key(d.penId(), d.sequenceNr()));
      if (at != null) {
        // The hub and the tap are separate subscribers of the pen's topic: either may hear of an event first.
        delay.recordValue(Math.max(0, (d.nanos() - at) / 1000));
        matched++;
      }
    }
    progress.say("sse: %d events published, %d of %d deliveries received", published.size(), matched, expected);
    return new Result(settings.subscribers(), penIds.size(), published.size(), expected, matched, connect, sent,
        LatencySummary.ofMicros(delay));
  }

  /** One stream's lines: an {@code id:} line gives the event's sequence number, recorded when it ends. */
  private final class Stream implements Flow.Subscriber<String> {
    final String penId;
    volatile int status;
    volatile boolean cancelled;
    private volatile Flow.Subscription subscription;
    private long sequenceNr = -1;

    Stream(String penId) {
      this.penId = penId;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (line.startsWith("id:")) {
        sequenceNr = Long.parseLong(line.substring(3).trim());
      } else if (line.isEmpty() && sequenceNr >= 0) {
        // A blank line dispatches the event (EventSource rules); its data line came before.
        deliveries.add(new Delivery(penId, sequenceNr, System.nanoTime()));
        sequenceNr = -1;
      }
    }

    @Override
    public void onError(Throwable error) {
      if (!cancelled) {
        failures.incrementAndGet();
        lastFailure = error.toString();
      }
    }

    @Override
    public void onComplete() {}

    void cancel() {
      cancelled = true;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }

  @Override
  public void close() {
    streams.forEach(Stream::cancel);
  }
}
