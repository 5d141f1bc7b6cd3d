package io.shoal.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of refusal reaches a real client as problem+json with the right status, and never a stack trace. */
class ProblemResponsesTest {

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer("""
        shoal.http.max-request-bytes = 64 KiB
        shoal.http.max-frame-upload-bytes = 16 KiB
        shoal.http.json { max-bytes = 1 KiB, max-nesting-depth = 8 }
        shoal.http.rate-limit.capacity = 1000
        """);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void a_valid_json_body_is_read_and_written_back() throws Exception {
    HttpResponse<String> r = server.postJson("/echo", "{\"name\":\"pen-1\",\"data\":[1,{\"a\":2}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(TestServer.json(r).get("name").asText()).isEqualTo("pen-1");
  }

  @Test
  void malformed_json_is_400_with_where_it_broke() throws Exception {
    HttpResponse<String> r = server.postJson("/echo", "{\"name\": \"pen-1\",");
    JsonNode p = problem(r, 400);
    assertThat(p.get("type").asText()).isEqualTo("urn:shoal:problem:malformed-json");
    assertThat(p.get("detail").asText()).contains("line 1");
  }

  @Test
  void json_of_the_wrong_shape_is_400_naming_the_field_not_java_types() throws Exception {
    HttpResponse<String> r = server.postJson("/echo", "{\"name\": {\"nested\": true}}");
    JsonNode p = problem(r, 400);
    assertThat(p.get("type").asText()).isEqualTo("urn:shoal:problem:invalid-body");
    assertThat(p.get("detail").asText()).contains("'name'").doesNotContain("java.").doesNotContain("io.shoal");
  }

  @Test
  void json_nested_deeper_than_the_limit_is_400() throws Exception {
    String deep = "[".repeat(20) + "]".repeat(20);
    HttpResponse<String> r = server.postJson("/echo", "{\"name\":\"x\",\"data\":" + deep + "}");
    JsonNode p = problem(r, 400);
    assertThat(p.get("type").asText()).isEqualTo("urn:shoal:problem:json-limit-exceeded");
    assertThat(p.get("detail").asText()).contains("deeper than 8 levels").doesNotContain("StreamReadConstraints");
    // Just inside the limit is accepted: the limit is the configured one, not a parse failure of deep arrays.
    String within = "[".repeat(6) + "]".repeat(6);
    assertThat(server.postJson("/echo", "{\"name\":\"x\",\"data\":" + within + "}").statusCode()).isEqualTo(200);
  }

  @Test
  void json_larger_than_the_json_limit_is_413() throws Exception {
    String big = "{\"name\":\"" + "x".repeat(2048) + "\"}";
    HttpResponse<String> r = server.postJson("/echo", big);
    JsonNode p = problem(r, 413);
    assertThat(p.get("type").asText()).isEqualTo("urn:shoal:problem:payload-too-large");
    assertThat(p.get("detail").asText()).contains("1024");
  }

  @Test
  void a_body_larger_than_the_server_limit_is_413() throws Exception {
    byte[] body = new byte[100 * 1024];
    HttpResponse<String> r = server.send(server.request("/upload").header("Content-Type", "image/jpeg")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    problem(r, 413);
  }

  @Test
  void an_upload_over_the_frame_limit_is_413_and_under_it_is_served() throws Exception {
    HttpResponse<String> over = server.send(server.request("/upload").header("Content-Type", "image/jpeg")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[20 * 1024])).build());
    assertThat(problem(over, 413).get("detail").asText()).contains(Long.toString(16 * 1024));
    HttpResponse<String> under = server.send(server.request("/upload").header("Content-Type", "image/jpeg")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[8 * 1024])).build());
    assertThat(under.statusCode()).isEqualTo(200);
    assertThat(under.body()).isEqualTo("got " + 8 * 1024);
  }

  @Test
  void a_body_that_is_not_json_is_415() throws Exception {
    HttpResponse<String> r = server.send(server.request("/echo").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(problem(r, 415).get("detail").asText()).contains("application/json");
  }

  @Test
  void an_unknown_path_is_404() throws Exception {
    assertThat(problem(server.fetch("/no/such/thing"), 404).get("instance").asText()).isEqualTo("/no/such/thing");
  }

  @Test
  void a_wrong_method_is_405_with_allow() throws Exception {
    HttpResponse<String> r = server.send(server.request("/echo").DELETE().build());
    problem(r, 405);
    assertThat(r.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void a_missing_query_parameter_or_header_is_400() throws Exception {
    assertThat(problem(server.fetch("/query"), 400).get("detail").asText()).contains("'n'");
    assertThat(problem(server.fetch("/header"), 400).get("detail").asText()).contains("X-Thing");
  }

  @Test
  void an_api_exception_keeps_its_status_type_and_detail() throws Exception {
    JsonNode p = problem(server.fetch("/conflict"), 409);
    assertThat(p.get("type").asText()).isEqualTo("urn:shoal:problem:already-acknowledged");
    assertThat(p.get("title").asText()).isEqualTo("Alert already acknowledged");
    assertThat(p.get("detail").asText()).isEqualTo("Alert a-1 was acknowledged at 10:00.");
  }

  @Test
  void an_unexpected_exception_is_500_without_its_message_or_stack_trace() throws Exception {
    HttpResponse<String> r = server.fetch("/boom");
    JsonNode p = problem(r, 500);
    assertThat(r.body()).doesNotContain("secret").doesNotContain("IllegalStateException")
        .doesNotContain("at io.").doesNotContain("Exception");
    String id = r.headers().firstValue(RequestIds.HEADER).orElseThrow();
    assertThat(p.get("requestId").asText()).isEqualTo(id);
    assertThat(p.get("detail").asText()).contains(id);
  }

  /** Asserts the RFC 7807 shape and returns the problem body. */
  static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = TestServer.json(r);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("type").asText()).startsWith(Problem.TYPE_PREFIX);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("requestId").asText()).isEqualTo(r.headers().firstValue(RequestIds.HEADER).orElseThrow());
    return p;
  }
}
