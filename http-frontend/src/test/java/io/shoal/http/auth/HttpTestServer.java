package io.shoal.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/** A route bound on a real loopback port, and a plain JDK HTTP client to call it the way any client would. */
final class HttpTestServer implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  final ActorSystem system;
  private final ServerBinding binding;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpTestServer(ActorSystem system, ServerBinding binding) {
    this.system = system;
    this.binding = binding;
  }

  static HttpTestServer start(String name, java.util.function.Function<ActorSystem, Route> route) throws Exception {
    ActorSystem system = ActorSystem.create(name,
        // What a node must set too (see the report to the server's owner): pekko-http otherwise logs an unparsable
        // Authorization header's value, i.e. a caller's token, at WARN.
        ConfigFactory.parseString("pekko.loglevel = WARNING\n"
                + "pekko.http.server.parsing.ignore-illegal-header-for = [\"authorization\"]")
            .withFallback(ConfigFactory.load()));
    try {
      ServerBinding binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(route.apply(system))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      return new HttpTestServer(system, binding);
    } catch (Exception e) {
      system.terminate();
      throw e;
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  @Override
  public void close() throws Exception {
    binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
