package io.shoal.node.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.http.api.Endpoint;
import io.shoal.http.auth.JwtSettings;
import io.shoal.http.auth.Role;
import io.shoal.http.auth.TokenIssuer;
import io.shoal.node.Eventually;
import io.shoal.node.inference.InferenceListener;
import io.shoal.node.render.Condition;
import io.shoal.node.render.FrameRenderer;
import io.shoal.node.render.FrameTruth;
import io.shoal.node.render.Species;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API of a whole node (every role) on a real port: the resource routes' happy paths through the real pen
 * entities, inference and read models, their role checks and errors, and the OpenAPI document against the routes.
 */
class ApiEndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private static TestServices services;
  private static ShoalNode node;
  private static String base;
  private static TokenIssuer tokens;

  @BeforeAll
  static void start() throws Exception {
    services = TestServices.start(2);
    node = ShoalNode.start(services.nodeConfig(0, List.of(), Map.of()), InferenceListener.NONE);
    int port = node.apiBinding().orElseThrow().toCompletableFuture().get(60, TimeUnit.SECONDS).localAddress().getPort();
    base = "http://127.0.0.1:" + port;
    tokens = new TokenIssuer(JwtSettings.fromConfig(node.system().settings().config()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (services != null) {
      services.close();
    }
  }

  private static String token(Role role) {
    return tokens.issue("test-" + role.claim(), Set.of(role)).token();
  }

  private static HttpResponse<String> send(String method, String path, Role role, HttpRequest.BodyPublisher body,
      String contentType) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(PATIENCE)
        .method(method, body);
    if (role != null) {
      request.header("Authorization", "Bearer " + token(role));
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path, Role role) throws Exception {
    return send("GET", path, role, HttpRequest.BodyPublishers.noBody(), null);
  }

  private static byte[] frame(long seed, Condition condition) {
    return new FrameRenderer().render(seed, FrameTruth.fish(Species.ATLANTIC_SALMON, condition)).jpeg();
  }

  @Test
  void aFrameUploadedOverHttpIsCountedAndShowsInHealthListAndHistory() throws Exception {
    String upload = "/api/v1/pens/pen-http/frames?cameraId=cam-1&frameId=f-1";
    HttpResponse<String> created = send("POST", upload, Role.CAMERA,
        HttpRequest.BodyPublishers.ofByteArray(frame(1, Condition.HEALTHY)), "image/jpeg");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    HttpResponse<String> again = send("POST", upload, Role.CAMERA,
        HttpRequest.BodyPublishers.ofByteArray(frame(1, Condition.HEALTHY)), "image/jpeg");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).get("duplicate").asBoolean()).isTrue();

    // A pen is read once the read model knows it (within a second of its first frame); unknown pens are 404.
    assertThat(get("/api/v1/pens/pen-never-seen", Role.VIEWER).statusCode()).isEqualTo(404);
    Eventually.within(PATIENCE, () -> {
      HttpResponse<String> health = get("/api/v1/pens/pen-http", Role.VIEWER);
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.headers().firstValue("X-Request-Id")).isPresent();
      JsonNode pen = JSON.readTree(health.body());
      assertThat(pen.get("penId").asText()).isEqualTo("pen-http");
      assertThat(pen.get("framesAssessed").asLong()).isEqualTo(1);
    });

    Eventually.within(PATIENCE, () -> {
      JsonNode list = JSON.readTree(get("/api/v1/pens", Role.VIEWER).body());
      assertThat(list.get("items").findValuesAsText("penId")).contains("pen-http");
      JsonNode history = JSON.readTree(get("/api/v1/pens/pen-http/history", Role.OPERATOR).body());
      assertThat(history.get("assessments")).hasSize(1);
    });
  }

  @Test
  void thresholdsAreConfiguredByOperatorsOnlyAndValidated() throws Exception {
    String body = "{\"conditions\":{\"lesion\":{\"warning\":0.05,\"critical\":0.2}},\"minimumSample\":5}";
    HttpResponse<String> viewer = send("PUT", "/api/v1/pens/pen-config/config", Role.VIEWER,
        HttpRequest.BodyPublishers.ofString(body), "application/json");
    assertThat(viewer.statusCode()).isEqualTo(403);
    assertThat(viewer.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    HttpResponse<String> operator = send("PUT", "/api/v1/pens/pen-config/config", Role.OPERATOR,
        HttpRequest.BodyPublishers.ofString(body), "application/json");
    assertThat(operator.statusCode()).as(operator.body()).isEqualTo(200);
    assertThat(JSON.readTree(operator.body()).get("thresholds").get("minimumSample").asInt()).isEqualTo(5);

    HttpResponse<String> malformed = send("PUT", "/api/v1/pens/pen-config/config", Role.OPERATOR,
        HttpRequest.BodyPublishers.ofString("{\"conditions\":"), "application/json");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void classifyModelsAlertsAndErrorsAnswerAsDocumented() throws Exception {
    HttpResponse<String> classified = send("POST", "/api/v1/classify", Role.VIEWER,
        HttpRequest.BodyPublishers.ofByteArray(frame(7, Condition.LESION)), "image/jpeg");
    assertThat(classified.statusCode()).as(classified.body()).isEqualTo(200);
    assertThat(JSON.readTree(classified.body()).get("species").get("label").asText()).isEqualTo("atlantic_salmon");

    JsonNode models = JSON.readTree(get("/api/v1/models", Role.VIEWER).body());
    assertThat(models.get("models").get(0).get("modelVersion").asText()).startsWith("shoal-fish-health:");

    assertThat(get("/api/v1/alerts?state=open", Role.VIEWER).statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/alerts?state=sideways", Role.VIEWER).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/api/v1/alerts/pen-x-alert-99/ack", Role.OPERATOR, HttpRequest.BodyPublishers.noBody(),
        null).statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/pens/pen-http", null).statusCode()).isEqualTo(401);
    assertThat(get("/api/v1/pens/" + "x".repeat(65), Role.VIEWER).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/api/v1/classify", Role.VIEWER, HttpRequest.BodyPublishers.ofString("not an image"),
        "image/jpeg").statusCode()).isEqualTo(415);
    assertThat(get("/api/v1/metrics/performance", null).statusCode()).isEqualTo(200);
  }

  @Test
  void theOpenApiDocumentListsExactlyTheRoutesTheNodeServes() throws Exception {
    HttpResponse<String> document = get("/api/v1/openapi.json", null);
    assertThat(document.statusCode()).isEqualTo(200);
    Set<Endpoint> documented = new HashSet<>();
    JsonNode paths = JSON.readTree(document.body()).get("paths");
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      path.getValue().fieldNames().forEachRemaining(method -> documented.add(new Endpoint(method, path.getKey())));
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(ApiRole.endpoints());

    // And each documented operation is really routed: an admin never gets 405, nor the "no such route" 404 (bodies
    // may be refused, and a resource may be unknown: the ack of an alert that was never raised is a 404 of its own).
    for (Endpoint endpoint : documented) {
      String path = endpoint.path().replace("{penId}", "pen-doc").replace("{alertId}", "pen-doc-alert-1");
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(PATIENCE)
          .header("Authorization", "Bearer " + token(Role.ADMIN))
          .method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
      if (path.endsWith("/events")) {
        // An event stream never ends: take its status and hang up.
        HttpResponse<java.io.InputStream> stream = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        stream.body().close();
        assertThat(stream.statusCode()).as("%s %s", endpoint.method(), path).isEqualTo(200);
        continue;
      }
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("%s %s", endpoint.method(), path).isNotEqualTo(405);
      if (response.statusCode() == 404) {
        assertThat(JSON.readTree(response.body()).get("type").asText()).as("%s %s", endpoint.method(), path)
            .doesNotEndWith(":not-found");
      }
    }
  }

  @Test
  void everyRouteAdmitsExactlyTheRolesTheDocumentNamesAndRefusesAnonymousCallers() throws Exception {
    JsonNode paths = JSON.readTree(get("/api/v1/openapi.json", null).body()).get("paths");
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        Set<String> admitted = new HashSet<>();
        op.getValue().get("x-roles").forEach(role -> admitted.add(role.asText()));
        if (admitted.isEmpty()) {
          continue; // open to everyone
        }
        String target = path.getKey().replace("{penId}", "pen-matrix").replace("{alertId}", "pen-matrix-alert-1");
        String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
        assertThat(status(method, target, null)).as("%s %s anonymous", method, target).isEqualTo(401);
        for (Role role : Role.values()) {
          int status = status(method, target, role);
          if (role == Role.ADMIN || admitted.contains(role.claim())) {
            assertThat(status).as("%s %s as %s", method, target, role).isNotIn(401, 403);
          } else {
            assertThat(status).as("%s %s as %s", method, target, role).isEqualTo(403);
          }
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(10 * Role.values().length);
  }

  @Test
  void livenessAndReadinessAreServedOnTheManagementPort() throws Exception {
    String management = node.management().toCompletableFuture().get(60, TimeUnit.SECONDS).toString();
    assertThat(management).doesNotEndWith(":0/").doesNotEndWith(":0");
    String root = management.endsWith("/") ? management : management + "/";
    HttpRequest alive = HttpRequest.newBuilder(URI.create(root + "alive")).timeout(PATIENCE).build();
    assertThat(CLIENT.send(alive, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    // Ready once the node is an Up member, its inference pool is registered and the database answers.
    Eventually.within(PATIENCE, () -> {
      HttpRequest ready = HttpRequest.newBuilder(URI.create(root + "ready")).timeout(PATIENCE).build();
      HttpResponse<String> response = CLIENT.send(ready, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    });
  }

  @Test
  void anOperatorAcknowledgesAnAlertRaisedByUploadedFramesAndTheAuditLogSaysWhoDidWhat() throws Exception {
    // Strict thresholds: a single lesion frame raises a lesion alert.
    String strict = "{\"conditions\":{\"lesion\":{\"warning\":0.01,\"critical\":0.99}},\"minimumSample\":1}";
    assertThat(send("PUT", "/api/v1/pens/pen-ack/config", Role.OPERATOR, HttpRequest.BodyPublishers.ofString(strict),
        "application/json").statusCode()).isEqualTo(200);
    for (int n = 1; n <= 3; n++) {
      HttpResponse<String> uploaded = send("POST", "/api/v1/pens/pen-ack/frames?cameraId=cam-1&frameId=l-" + n,
          Role.OPERATOR, HttpRequest.BodyPublishers.ofByteArray(frame(100 + n, Condition.LESION)), "image/jpeg");
      assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    }
    String alertId = firstOpenAlert("pen-ack");

    HttpResponse<String> acknowledged = send("POST", "/api/v1/alerts/" + alertId + "/ack", Role.OPERATOR,
        HttpRequest.BodyPublishers.noBody(), null);
    assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
    assertThat(JSON.readTree(acknowledged.body()).get("by").asText()).isEqualTo("test-operator");
    Eventually.within(PATIENCE, () -> assertThat(
        JSON.readTree(get("/api/v1/alerts?state=acknowledged", Role.VIEWER).body()).findValuesAsText("alertId"))
        .contains(alertId));

    assertThat(services.query("SELECT username, action, target FROM audit_log WHERE target LIKE 'pen-ack%' "
        + "ORDER BY id")).contains(
        List.of("test-operator", "configure-pen", "pen-ack"),
        List.of("test-operator", "upload-frame", "pen-ack/cam-1/l-1"),
        List.of("test-operator", "acknowledge-alert", alertId));
  }

  @Test
  void anImageOverTheUploadLimitIsRefusedWith413() throws Exception {
    byte[] huge = new byte[(int) node.system().settings().config().getBytes("shoal.http.max-frame-upload-bytes")
        .longValue() + 1];
    huge[0] = (byte) 0xFF;
    huge[1] = (byte) 0xD8;
    huge[2] = (byte) 0xFF;
    HttpResponse<String> refused = send("POST", "/api/v1/pens/pen-big/frames?cameraId=cam-1", Role.CAMERA,
        HttpRequest.BodyPublishers.ofByteArray(huge), "image/jpeg");
    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  /** The pen's one open alert, once the pen is readable (the read model knows it). */
  private static String firstOpenAlert(String penId) throws Exception {
    String[] alertId = new String[1];
    Eventually.within(PATIENCE, () -> {
      HttpResponse<String> health = get("/api/v1/pens/" + penId, Role.VIEWER);
      assertThat(health.statusCode()).isEqualTo(200);
      JsonNode openAlerts = JSON.readTree(health.body()).get("openAlerts");
      assertThat(openAlerts).hasSize(1);
      alertId[0] = openAlerts.get(0).get("alertId").asText();
    });
    return alertId[0];
  }

  /** The status of a bodiless request; an event stream is hung up on as soon as its status is known. */
  private static int status(String method, String path, Role role) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(PATIENCE)
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (role != null) {
      request.header("Authorization", "Bearer " + token(role));
    }
    HttpResponse<java.io.InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    return response.statusCode();
  }
}
