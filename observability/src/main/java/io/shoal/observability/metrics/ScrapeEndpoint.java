package io.shoal.observability.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Serves Prometheus' text format on {@code GET <path>} with the JDK's HTTP server, on its own small executor (never
 * a Pekko dispatcher: a slow scraper must not hold up actors). Beyond the executor's threads and queue, the server's
 * own dispatcher thread answers the scrape itself, and so stops accepting connections meanwhile: the OS accept
 * backlog is then the only queue, and it is bounded. (A rejected exchange that nobody answered would leak its
 * connection.)
 */
public final class ScrapeEndpoint implements AutoCloseable {

  /** Prometheus' text exposition format. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  /** Scrapes in progress are cut at once on stop: JDK 17's HttpServer.stop always waits out its whole delay. */
  private static final int STOP_DELAY_SECONDS = 0;
  private static final long THREAD_KEEP_ALIVE_SECONDS = 60;

  private final HttpServer server;
  private final ThreadPoolExecutor executor;

  private ScrapeEndpoint(HttpServer server, ThreadPoolExecutor executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds {@code host:port} (port 0: any free one) and serves {@code body} on {@code path}. */
  public static ScrapeEndpoint start(String host, int port, String path, int threads, int backlog,
      Supplier<String> body) {
    AtomicInteger threadNumber = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, THREAD_KEEP_ALIVE_SECONDS,
        TimeUnit.SECONDS, new ArrayBlockingQueue<>(backlog), runnable -> {
          Thread thread = new Thread(runnable, "shoal-metrics-endpoint-" + threadNumber.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    executor.allowCoreThreadTimeOut(true);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), backlog);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("the metrics endpoint could not bind " + host + ":" + port, e);
    }
    server.setExecutor(executor);
    server.createContext(path, exchange -> answer(exchange, path, body));
    server.start();
    return new ScrapeEndpoint(server, executor);
  }

  private static void answer(HttpExchange exchange, String path, Supplier<String> body) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(path)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** The port bound (the one chosen when 0 was asked). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(STOP_DELAY_SECONDS);
    executor.shutdownNow();
  }
}
