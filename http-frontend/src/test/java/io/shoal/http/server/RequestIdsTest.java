package io.shoal.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** X-Request-Id is taken from a client when it is plausible, generated otherwise, and echoed on every response. */
class RequestIdsTest {

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
  void a_valid_client_id_is_echoed_on_success_and_on_errors() throws Exception {
    for (String path : new String[] {"/ok", "/no/such/thing", "/boom"}) {
      HttpResponse<String> r = server.send(server.request(path).header(RequestIds.HEADER, "trace-1.a_B").build());
      assertThat(r.headers().allValues(RequestIds.HEADER)).as(path).containsExactly("trace-1.a_B");
    }
  }

  @Test
  void without_a_client_id_a_uuid_is_generated_and_each_request_gets_its_own() throws Exception {
    String first = server.fetch("/ok").headers().firstValue(RequestIds.HEADER).orElseThrow();
    String second = server.fetch("/ok").headers().firstValue(RequestIds.HEADER).orElseThrow();
    assertThat(UUID.fromString(first)).isNotEqualTo(UUID.fromString(second));
  }

  @Test
  void an_invalid_client_id_is_replaced() throws Exception {
    for (String bad : new String[] {"x".repeat(65), "has space", "tab\tinside", "semi;colon"}) {
      HttpResponse<String> r = server.send(server.request("/ok").header(RequestIds.HEADER, bad).build());
      String id = r.headers().firstValue(RequestIds.HEADER).orElseThrow();
      assertThat(id).as(bad).isNotEqualTo(bad);
      assertThat(UUID.fromString(id)).isNotNull();
    }
    String longest = "y".repeat(64);
    assertThat(server.send(server.request("/ok").header(RequestIds.HEADER, longest).build())
        .headers().firstValue(RequestIds.HEADER)).hasValue(longest);
  }
}
