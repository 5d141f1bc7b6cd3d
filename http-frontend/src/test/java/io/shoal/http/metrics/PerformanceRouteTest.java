package io.shoal.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.http.server.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/v1/metrics/performance on a real port reflects the requests the server answered. */
class PerformanceRouteTest {

  private static final int FAST = 20;
  private static final int SLOW = 3;
  private static final int FAILING = 2;
  private static final int MISSING = 5;

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer("shoal.http.rate-limit.capacity = 1000");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void the_report_counts_requests_errors_and_latencies() throws Exception {
    for (int i = 0; i < FAST; i++) {
      assertThat(server.fetch("/ok").statusCode()).isEqualTo(200);
    }
    for (int i = 0; i < SLOW; i++) {
      assertThat(server.fetch("/slow").statusCode()).isEqualTo(200);
    }
    for (int i = 0; i < FAILING; i++) {
      assertThat(server.fetch("/boom").statusCode()).isEqualTo(500);
    }
    for (int i = 0; i < MISSING; i++) {
      assertThat(server.fetch("/missing").statusCode()).isEqualTo(404);
    }

    HttpResponse<String> r = server.fetch(PerformanceRoute.PATH);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode report = TestServer.json(r);
    int total = FAST + SLOW + FAILING + MISSING;
    assertThat(report.get("windowSeconds").asLong()).isEqualTo(60);
    assertThat(report.get("requests").asLong()).isEqualTo(total);
    assertThat(report.get("errorRate").asDouble()).isEqualTo((double) FAILING / total);
    assertThat(report.get("clientErrorRate").asDouble()).isEqualTo((double) MISSING / total);
    assertThat(report.get("throughputPerSecond").asDouble()).isPositive();
    assertThat(report.get("uptimeSeconds").asLong()).isNotNegative();
    JsonNode latency = report.get("latencyMs");
    assertThat(latency.get("p50").asDouble()).isPositive().isLessThan(TestServer.SLOW_MILLIS);
    // The slow requests are the top 10%: p95 and p99 land on them, as does the max.
    assertThat(latency.get("p95").asDouble()).isGreaterThanOrEqualTo(TestServer.SLOW_MILLIS * 0.99);
    assertThat(latency.get("p99").asDouble()).isGreaterThanOrEqualTo(latency.get("p95").asDouble());
    assertThat(latency.get("max").asDouble()).isGreaterThanOrEqualTo(latency.get("p99").asDouble());
    assertThat(latency.get("mean").asDouble()).isPositive();

    // The report's own request is counted once it has been answered, and it is exempt from rate limiting.
    HttpResponse<String> again = server.fetch(PerformanceRoute.PATH);
    assertThat(TestServer.json(again).get("requests").asLong()).isEqualTo(total + 1);
    assertThat(again.headers().firstValue("X-RateLimit-Limit")).isEmpty();
  }
}
