package io.shoal.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Browsers get CORS headers for the configured origins only. */
class CorsTest {

  private static final String ALLOWED = "https://dashboard.example";
  private static final String OTHER = "https://evil.example";

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer("""
        shoal.http.cors.allowed-origins = ["https://dashboard.example", "http://localhost:3000"]
        shoal.http.rate-limit.capacity = 1000
        """);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void a_preflight_from_an_allowed_origin_is_answered() throws Exception {
    HttpResponse<String> r = server.send(preflight(ALLOWED));
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    assertThat(r.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
    assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("Authorization");
    assertThat(r.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
    assertThat(r.headers().firstValue("Vary")).hasValue("Origin");
  }

  @Test
  void a_preflight_from_another_origin_is_403_without_cors_headers() throws Exception {
    HttpResponse<String> r = server.send(preflight(OTHER));
    ProblemResponsesTest.problem(r, 403);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void requests_from_an_allowed_origin_carry_the_origin_on_success_and_errors() throws Exception {
    for (String path : new String[] {"/ok", "/no/such/thing"}) {
      HttpResponse<String> r = server.send(server.request(path).header("Origin", ALLOWED).build());
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue(ALLOWED);
      assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("X-Request-Id");
    }
  }

  @Test
  void requests_from_another_origin_or_none_get_no_cors_headers() throws Exception {
    HttpResponse<String> other = server.send(server.request("/ok").header("Origin", OTHER).build());
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(server.fetch("/ok").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void origins_come_from_a_comma_separated_environment_value_too() {
    var settings = HttpSettings.fromConfig(com.typesafe.config.ConfigFactory.parseString(
        "shoal.http.cors.allowed-origins = \" https://a.example, https://b.example ,\"")
        .withFallback(com.typesafe.config.ConfigFactory.load()));
    assertThat(settings.cors().allowedOrigins()).containsExactly("https://a.example", "https://b.example");
  }

  private static HttpRequest preflight(String origin) {
    return server.request("/echo").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin).header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type").build();
  }
}
