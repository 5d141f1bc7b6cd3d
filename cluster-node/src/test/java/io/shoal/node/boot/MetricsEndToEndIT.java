package io.shoal.node.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.shoal.http.auth.JwtSettings;
import io.shoal.http.auth.Role;
import io.shoal.http.auth.TokenIssuer;
import io.shoal.node.Eventually;
import io.shoal.node.inference.InferenceListener;
import io.shoal.node.metrics.PrometheusText;
import io.shoal.node.render.Condition;
import io.shoal.observability.dashboards.MetricReferences;
import io.shoal.observability.metrics.MetricsRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A whole node (every role) with Kamon on, on embedded PostgreSQL and Kafka: frames are fed, a few HTTP requests
 * made and an SSE stream held open, then {@code /metrics} is scraped over real HTTP. Every project metric the
 * pipeline should have moved is non-zero, and every metric the dashboards and alert rules reference is exported.
 * Runs in its own JVM (failsafe-style {@code *IT}, see cluster-node's pom): Kamon is JVM-wide.
 */
class MetricsEndToEndIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final String PEN = "pen-metrics";
  private static final int FRAMES_PER_CAMERA = 6;

  private static TestServices services;
  private static ShoalNode node;
  private static String api;
  private static URI scrape;
  private static TokenIssuer tokens;

  private static final Map<String, Object> METRICS_ON = Map.of(
      "shoal.metrics.enabled", true,
      "shoal.metrics.host", "127.0.0.1",
      "shoal.metrics.port", 0,
      "shoal.metrics.kamon.metric.tick-interval", "1s",
      "shoal.metrics.read-model-poll-interval", "1s",
      "shoal.metrics.consumer-lag-poll-interval", "1s",
      "shoal.metrics.cluster-refresh-interval", "1s");

  @BeforeAll
  static void start() throws Exception {
    // Kamon must start before any Pekko, JDBC or Kafka class loads: only the kamon-tests JVM (cluster-node's pom)
    // guarantees that; -Dtest naming this class also runs it among the unit tests, where it is skipped.
    Assumptions.assumeTrue(Boolean.getBoolean("shoal.kamon-jvm"), "runs in the kamon-tests JVM only");
    // Kamon before the embedded services, as the demo does: its agent must see the JDBC and Kafka classes load.
    MetricsRuntime metrics = MetricsRuntime.start(NodeConfig.load(ConfigFactory.parseMap(METRICS_ON), false));
    try {
      services = TestServices.start(2);
    } catch (IOException | RuntimeException e) {
      metrics.close();
      throw e;
    }
    node = ShoalNode.start(services.nodeConfig(0, List.of(), METRICS_ON), InferenceListener.NONE, metrics);
    assertThat(node.metrics().enabled()).isTrue();
    scrape = URI.create("http://127.0.0.1:" + node.metrics().port().orElseThrow() + "/metrics");
    int port = node.apiBinding().orElseThrow().toCompletableFuture().get(60, TimeUnit.SECONDS).localAddress().getPort();
    api = "http://127.0.0.1:" + port;
    tokens = new TokenIssuer(JwtSettings.fromConfig(node.system().settings().config()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close(); // stops Kamon with it (the node's last resource)
    }
    if (services != null) {
      services.close();
    }
  }

  @Test
  void aScrapeShowsThePipelineTheApiAndEveryMetricTheDashboardsUse() throws Exception {
    // Counters are compared with this first scrape: Kamon's registry is JVM-wide, so a JVM that ran other nodes
    // before (e.g. -Dtest naming this class runs it in the unit tests' JVM too) starts them above zero.
    PrometheusText before = scrape();
    int frames;
    try (FrameFeed feed = new FrameFeed(services.kafka.bootstrapServers(), TestServices.FRAMES)) {
      frames = feed.publishPen(PEN, List.of("cam-1", "cam-2"), FRAMES_PER_CAMERA,
          List.of(Condition.HEALTHY, Condition.LESION, Condition.HEALTHY));
      // A record that is not a frame: counted as rejected and dead-lettered under its reason.
      feed.send(new org.apache.kafka.clients.producer.ProducerRecord<>(TestServices.FRAMES, PEN.getBytes(),
          new byte[] {1, 2, 3}));
    }

    Eventually.within(PATIENCE, () -> assertThat(get("/api/v1/pens/" + PEN, Role.VIEWER).statusCode()).isEqualTo(200));
    assertThat(get("/api/v1/pens", Role.VIEWER).statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/no-such-resource", Role.VIEWER).statusCode()).isEqualTo(404);

    HttpRequest events = HttpRequest.newBuilder(URI.create(api + "/api/v1/pens/" + PEN + "/events"))
        .header("Authorization", "Bearer " + token(Role.VIEWER)).header("Accept", "text/event-stream").build();
    CompletableFuture<HttpResponse<InputStream>> sse = CLIENT.sendAsync(events, HttpResponse.BodyHandlers.ofInputStream());
    try {
      assertThat(sse.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      Eventually.within(PATIENCE, () -> {
        PrometheusText metrics = scrape();
        assertThat(increase(before, metrics, "shoal_ingest_records_consumed_total", Map.of()))
            .isGreaterThanOrEqualTo(frames + 1);
        assertThat(increase(before, metrics, "shoal_ingest_frames_accepted_total", Map.of())).isEqualTo(frames);
        assertThat(increase(before, metrics, "shoal_ingest_frames_rejected_total", Map.of())).isEqualTo(1);
        assertThat(increase(before, metrics, "shoal_ingest_dead_lettered_total", Map.of())).isEqualTo(1);
        assertThat(metrics.has("shoal_kafka_consumer_lag", Map.of("topic", TestServices.FRAMES))).isTrue();
        assertThat(increase(before, metrics, "shoal_inference_batch_size_count", Map.of())).isPositive();
        assertThat(increase(before, metrics, "shoal_inference_batch_size_sum", Map.of()))
            .isGreaterThanOrEqualTo(frames);
        assertThat(increase(before, metrics, "shoal_inference_compute_time_seconds_count", Map.of())).isPositive();
        assertThat(increase(before, metrics, "shoal_inference_queue_time_seconds_count", Map.of()))
            .isGreaterThanOrEqualTo(frames);
        assertThat(metrics.sum("shoal_inference_model_loaded", Map.of("device", "cpu"))).isEqualTo(1);
        assertThat(metrics.sum("shoal_pens_live")).isGreaterThanOrEqualTo(1);
        assertThat(increase(before, metrics, "shoal_pen_events_persisted_total", Map.of("event", "frame-assessed")))
            .isEqualTo(frames);
        assertThat(increase(before, metrics, "shoal_projection_events_total", Map.of("projection", "pen-read-model")))
            .isGreaterThanOrEqualTo(frames);
        assertThat(metrics.sum("shoal_pens_by_health")).isGreaterThanOrEqualTo(1);
        assertThat(increase(before, metrics, "shoal_http_requests_total",
            Map.of("route", "/api/v1/pens/{penId}", "method", "GET", "status", "200"))).isGreaterThanOrEqualTo(1);
        assertThat(increase(before, metrics, "shoal_http_requests_total", Map.of("route", "unmatched", "status", "404")))
            .isEqualTo(1);
        assertThat(increase(before, metrics, "shoal_http_request_duration_seconds_count",
            Map.of("route", "/api/v1/pens"))).isEqualTo(1);
        assertThat(metrics.sum("shoal_sse_subscribers")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.sum("shoal_cluster_members", Map.of("member_status", "up"))).isEqualTo(1);
        assertThat(metrics.sum("shoal_cluster_unreachable")).isZero();
      });
    } finally {
      sse.cancel(true);
      sse.thenAccept(response -> {
        try {
          response.body().close();
        } catch (java.io.IOException ignored) {
          // the stream is being abandoned anyway
        }
      });
    }

    PrometheusText metrics = scrape();
    // Kamon's own Pekko instrumentation is active too (dispatchers are executors).
    assertThat(metrics.names()).anyMatch(name -> name.startsWith("executor_"));
    assertEveryReferencedMetricIsExported(metrics.names());
  }

  private static double increase(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }

  /** Every metric a Grafana panel or alert rule under observability/ reads is in the scrape. */
  private static void assertEveryReferencedMetricIsExported(Set<String> exported) {
    Path observability = Path.of("..", "observability").toAbsolutePath().normalize();
    Set<String> referenced = MetricReferences.load(observability);
    assertThat(referenced).as("metrics referenced under " + observability).isNotEmpty();
    Set<String> missing = new TreeSet<>(referenced);
    missing.removeAll(exported);
    assertThat(missing).as("referenced by dashboards or rules but not exported").isEmpty();
  }

  private static PrometheusText scrape() throws Exception {
    String text = scrapeText();
    Files.writeString(Path.of("target", "metrics-scrape.txt"), text); // the last scrape, for a failure's reader
    return PrometheusText.parse(text);
  }

  private static String scrapeText() throws Exception {
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(scrape).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("text/plain; version=0.0.4"));
    return response.body();
  }

  private static String token(Role role) {
    return tokens.issue("test-" + role.claim(), Set.of(role)).token();
  }

  private static HttpResponse<String> get(String path, Role role) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api + path)).timeout(PATIENCE)
        .header("Authorization", "Bearer " + token(role)).GET().build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
