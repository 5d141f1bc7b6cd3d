package io.shoal.http.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeOKWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.headerValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.parameter;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.withSizeLimit;

/**
 * A real ApiServer on 127.0.0.1 and an ephemeral port, serving a few routes that exercise the plumbing, plus an
 * HTTP/1.1 client. Each test class starts its own (own buckets, own metrics) and closes it.
 */
public final class TestServer implements AutoCloseable {

  /** Delay of GET /slow: well above the fast routes' sub-millisecond latency, short enough to keep tests quick. */
  public static final long SLOW_MILLIS = 60;
  public static final ObjectMapper MAPPER = new ObjectMapper();

  /** A body with a free-form part, so only the depth and size limits (not the shape) refuse deep documents. */
  public record Echo(String name, Object data) {
  }

  public final ActorSystem<Void> system;
  public final ApiServer server;
  public final ServerBinding binding;
  public final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  public TestServer(String configOverrides) throws Exception {
    Config config = ConfigFactory.parseString(configOverrides)
        .withFallback(ConfigFactory.parseString("shoal.http.interface = 127.0.0.1, shoal.http.port = 0"))
        .withFallback(ConfigFactory.load()).resolve();
    system = ActorSystem.create(Behaviors.empty(), "http-test", config);
    server = ApiServer.create(system);
    binding = server.bind(routes(server)).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Route routes(ApiServer server) {
    Json json = server.json();
    return concat(
        server.performanceRoute().route(),
        path("echo", () -> post(() -> json.entityAs(Echo.class, e -> complete(StatusCodes.OK, e, json.marshaller())))),
        path("upload", () -> post(() -> withSizeLimit(server.settings().maxFrameUploadBytes(),
            () -> entity(Unmarshaller.entityToByteString(), bytes -> complete("got " + bytes.size()))))),
        path("boom", () -> get(() -> {
          throw new IllegalStateException("secret internal detail at db://user:pw@host");
        })),
        path("conflict", () -> get(() -> {
          throw new ApiException(StatusCodes.CONFLICT, "already-acknowledged", "Alert already acknowledged",
              "Alert a-1 was acknowledged at 10:00.");
        })),
        path("query", () -> get(() -> parameter("n", n -> complete("n=" + n)))),
        path("header", () -> get(() -> headerValueByName("X-Thing", v -> complete("thing=" + v)))),
        path("slow", () -> get(() -> completeOKWithFuture(CompletableFuture.supplyAsync(() -> "slow",
            CompletableFuture.delayedExecutor(SLOW_MILLIS, TimeUnit.MILLISECONDS)), json.marshaller()))),
        pathPrefix("health", () -> get(() -> complete("ok"))),
        path("ok", () -> get(() -> complete("ok"))));
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
  }

  public HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> fetch(String path) throws Exception {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> postJson(String path, String body) throws Exception {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public static JsonNode json(HttpResponse<String> response) throws Exception {
    return MAPPER.readTree(response.body());
  }

  @Override
  public void close() throws Exception {
    binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
