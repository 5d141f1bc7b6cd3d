package io.shoal.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scrape endpoint on a real loopback port, without Kamon: it serves whatever its supplier gives. */
class ScrapeEndpointTest {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void servesTheCurrentScrapeOnItsPathOnlyAndOnAPortOfItsOwnWhenAskedForZero() throws Exception {
    AtomicInteger scrapes = new AtomicInteger();
    try (ScrapeEndpoint endpoint = ScrapeEndpoint.start("127.0.0.1", 0, "/metrics", 1, 4,
        () -> "shoal_test_total " + scrapes.incrementAndGet() + "\n")) {
      assertThat(endpoint.port()).isPositive();
      String base = "http://127.0.0.1:" + endpoint.port();

      HttpResponse<String> first = send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET());
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.headers().firstValue("Content-Type")).hasValue(ScrapeEndpoint.CONTENT_TYPE);
      assertThat(first.body()).isEqualTo("shoal_test_total 1\n");
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET()).body())
          .isEqualTo("shoal_test_total 2\n");

      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/metrics/other")).GET()).statusCode())
          .isEqualTo(404);
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/")).GET()).statusCode()).isEqualTo(404);
      HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
          .POST(HttpRequest.BodyPublishers.ofString("x")));
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }
  }

  @Test
  void scrapesBeyondItsThreadsAndQueueAreAllAnsweredOnceTheBusyOneEnds() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    int concurrentScrapes = 5; // one thread + a queue of one: three more than the executor takes
    try (ScrapeEndpoint endpoint = ScrapeEndpoint.start("127.0.0.1", 0, "/metrics", 1, 1, () -> {
      awaitQuietly(release);
      return "shoal_test_total 1\n";
    })) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"))
          .timeout(Duration.ofSeconds(20)).GET().build();
      List<CompletableFuture<HttpResponse<String>>> responses = new java.util.ArrayList<>();
      for (int i = 0; i < concurrentScrapes; i++) {
        responses.add(client.sendAsync(scrape, HttpResponse.BodyHandlers.ofString()));
      }
      Thread.sleep(300); // let them all reach the server while the first one is held
      release.countDown();
      for (CompletableFuture<HttpResponse<String>> response : responses) {
        assertThat(response.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void metricsOffStartNeitherKamonNorAnEndpoint() {
    MetricsRuntime off = MetricsRuntime.start(com.typesafe.config.ConfigFactory.parseString(
        "shoal.metrics.enabled = false").withFallback(com.typesafe.config.ConfigFactory.load()));
    assertThat(off.enabled()).isFalse();
    assertThat(off.port()).isEmpty();
    assertThat(off.scrapeData()).isEmpty();
    off.close();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
