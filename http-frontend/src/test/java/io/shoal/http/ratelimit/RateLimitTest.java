package io.shoal.http.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.http.server.Problem;
import io.shoal.http.server.TestServer;
import java.net.http.HttpResponse;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Token buckets per subject on a real port: 429 with its headers, exemptions, separate and bounded buckets. */
class RateLimitTest {

  /** Small enough to exhaust in a few requests; the hour-long refill keeps a slow machine from refilling mid-test. */
  private static final int CAPACITY = 3;
  private static final int MAX_SUBJECTS = 5;

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer("""
        shoal.http.rate-limit {
          capacity = %d
          refill-tokens = %d
          refill-period = 1h
          max-subjects = %d
          exempt-path-prefixes = ["/health"]
        }
        """.formatted(CAPACITY, CAPACITY, MAX_SUBJECTS));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void the_request_past_capacity_is_429_with_retry_after_and_rate_limit_headers() throws Exception {
    String token = "Bearer subject-a";
    for (int i = 0; i < CAPACITY; i++) {
      HttpResponse<String> ok = get("/ok", token);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue(RateLimiter.LIMIT)).hasValue(Integer.toString(CAPACITY));
      assertThat(ok.headers().firstValue(RateLimiter.REMAINING)).hasValue(Integer.toString(CAPACITY - 1 - i));
      assertThat(ok.headers().firstValue(RateLimiter.RETRY_AFTER)).isEmpty();
    }
    HttpResponse<String> refused = get("/ok", token);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = TestServer.json(refused);
    assertThat(problem.get("type").asText()).isEqualTo(Problem.typeUri("rate-limited"));
    assertThat(problem.get("status").asInt()).isEqualTo(429);
    // One token comes back every hour / CAPACITY; the bucket is full again after a whole hour.
    long retryAfter = Long.parseLong(refused.headers().firstValue(RateLimiter.RETRY_AFTER).orElseThrow());
    assertThat(retryAfter).isBetween(1L, 3600L / CAPACITY);
    assertThat(refused.headers().firstValue(RateLimiter.LIMIT)).hasValue(Integer.toString(CAPACITY));
    assertThat(refused.headers().firstValue(RateLimiter.REMAINING)).hasValue("0");
    long reset = Long.parseLong(refused.headers().firstValue(RateLimiter.RESET).orElseThrow());
    assertThat(reset).isGreaterThan(3600L - 60).isLessThanOrEqualTo(3600L);
  }

  @Test
  void errors_are_charged_and_carry_the_headers_too() throws Exception {
    String token = "Bearer subject-errors";
    HttpResponse<String> notFound = get("/no/such/thing", token);
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.headers().firstValue(RateLimiter.REMAINING)).hasValue(Integer.toString(CAPACITY - 1));
  }

  @Test
  void an_exempt_prefix_is_never_limited() throws Exception {
    for (int i = 0; i < CAPACITY * 3; i++) {
      HttpResponse<String> r = get("/health/ready", "Bearer subject-health");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue(RateLimiter.LIMIT)).isEmpty();
    }
    // ...and did not spend the subject's bucket meant for other paths.
    assertThat(get("/ok", "Bearer subject-health").headers().firstValue(RateLimiter.REMAINING))
        .hasValue(Integer.toString(CAPACITY - 1));
  }

  @Test
  void different_subjects_have_different_buckets() throws Exception {
    for (int i = 0; i < CAPACITY; i++) {
      get("/ok", "Bearer subject-b");
    }
    assertThat(get("/ok", "Bearer subject-b").statusCode()).isEqualTo(429);
    assertThat(get("/ok", "Bearer subject-c").statusCode()).isEqualTo(200);
    // Anonymous callers are charged to their address, apart from any token.
    assertThat(get("/ok", null).statusCode()).isEqualTo(200);
  }

  @Test
  void the_subject_table_stays_bounded() throws Exception {
    IntStream.range(0, MAX_SUBJECTS * 4).forEach(i -> {
      try {
        assertThat(get("/ok", "Bearer rotating-" + i).statusCode()).isEqualTo(200);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      assertThat(server.server.rateLimiter().subjects()).isLessThanOrEqualTo(MAX_SUBJECTS);
    });
    assertThat(server.server.rateLimiter().subjects()).isEqualTo(MAX_SUBJECTS);
  }

  private static HttpResponse<String> get(String path, String authorization) throws Exception {
    var request = server.request(path);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return server.send(request.GET().build());
  }
}
