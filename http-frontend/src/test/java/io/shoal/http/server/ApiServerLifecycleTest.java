package io.shoal.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.junit.jupiter.api.Test;

/** What the server does at the edges of a request's and its own life: request timeouts and shutdown. */
class ApiServerLifecycleTest {

  /** Short enough for a quick test; GET /slow (TestServer.SLOW_MILLIS) is slower than this. */
  private static final String TIMEOUT_CONFIG = """
      shoal.http.request-timeout = 30ms
      shoal.http.rate-limit.capacity = 1000
      """;

  @Test
  void a_request_past_the_timeout_is_503_problem_with_its_request_id() throws Exception {
    try (TestServer server = new TestServer(TIMEOUT_CONFIG)) {
      HttpResponse<String> r = server.send(server.request("/slow").header(RequestIds.HEADER, "slow-1").build());
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(r.headers().firstValue(RequestIds.HEADER)).hasValue("slow-1");
      JsonNode p = TestServer.json(r);
      assertThat(p.get("type").asText()).isEqualTo(Problem.typeUri("request-timeout"));
      assertThat(p.get("requestId").asText()).isEqualTo("slow-1");
      // A fast request on the same server is unaffected.
      assertThat(server.fetch("/ok").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void coordinated_shutdown_unbinds_the_port() throws Exception {
    try (TestServer server = new TestServer("")) {
      InetSocketAddress address = server.binding.localAddress();
      assertThat(server.fetch("/ok").statusCode()).isEqualTo(200);
      CoordinatedShutdown.get(server.system).runAll(CoordinatedShutdown.unknownReason())
          .toCompletableFuture().get(20, TimeUnit.SECONDS);
      assertThatThrownBy(() -> {
        try (Socket socket = new Socket()) {
          socket.connect(address, 1_000);
        }
      }).isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void settings_refuse_limits_that_contradict_each_other() {
    var base = HttpSettings.fromConfig(com.typesafe.config.ConfigFactory.load());
    assertThat(base.maxFrameUploadBytes()).isLessThanOrEqualTo(base.maxRequestBytes());
    assertThatThrownBy(() -> new HttpSettings(base.iface(), base.port(), base.requestTimeout(), 1024,
        2048, base.json(), base.cors(), true, base.unbindDeadline(), base.maxConnections()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(base.maxConnections()).isGreaterThan(com.typesafe.config.ConfigFactory.load()
        .getInt("shoal.http.sse.max-subscribers"));
    assertThatThrownBy(() -> HttpSettings.fromConfig(com.typesafe.config.ConfigFactory
        .parseString("shoal.http.max-connections = 100, shoal.http.sse.max-subscribers = 100")
        .withFallback(com.typesafe.config.ConfigFactory.load())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sse.max-subscribers");
    assertThatThrownBy(() -> new HttpSettings.CorsSettings(java.util.List.of("*"), base.cors().maxAge()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
