package io.shoal.observability.metrics;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import kamon.Kamon;
import kamon.module.Module;
import kamon.prometheus.PrometheusReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.Await;

/**
 * Kamon and the Prometheus scrape endpoint of one node, when {@code shoal.metrics.enabled}.
 *
 * <p>{@link #start} must run before the node's ActorSystem is created: {@code Kamon.init} attaches the Kanela agent
 * at run time, and only classes loaded after that are instrumented (actors, dispatchers, sharding, pekko-http).
 * Kamon is a JVM-wide singleton, so several runtimes in one JVM (nodes of a test cluster) share one Kamon, initialised
 * by the first and stopped with the last; each has its own endpoint (all serve the same JVM-wide data).
 * The scrape data is rebuilt once per {@code kamon.metric.tick-interval}.
 */
public final class MetricsRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MetricsRuntime.class);
  private static final String REPORTER_NAME = "shoal-prometheus";
  private static final String REPORTER_CONFIG_PATH = "kamon.prometheus";
  private static final Duration KAMON_STOP_PATIENCE = Duration.ofSeconds(10);

  private static final Object kamonLock = new Object();
  private static int kamonUsers;
  private static PrometheusReporter reporter;
  private static Module.Registration registration;

  private final ScrapeEndpoint endpoint;
  private final PrometheusReporter scrapeSource;
  private boolean closed;

  private MetricsRuntime(ScrapeEndpoint endpoint, PrometheusReporter scrapeSource) {
    this.endpoint = endpoint;
    this.scrapeSource = scrapeSource;
  }

  /** Starts Kamon and the endpoint if {@code shoal.metrics.enabled} in {@code config}; otherwise does nothing. */
  public static MetricsRuntime start(Config config) {
    MetricsSettings settings = MetricsSettings.fromConfig(config);
    if (!settings.enabled()) {
      log.info("Metrics off (shoal.metrics.enabled = false): no Kamon, no scrape endpoint");
      return new MetricsRuntime(null, null);
    }
    long started = System.nanoTime();
    PrometheusReporter prometheus = acquireKamon(settings.kamon());
    ScrapeEndpoint endpoint;
    try {
      endpoint = ScrapeEndpoint.start(settings.host(), settings.port(), settings.path(), settings.endpointThreads(),
          settings.endpointBacklog(), prometheus::scrapeData);
    } catch (RuntimeException e) {
      releaseKamon();
      throw e;
    }
    log.info("Metrics on: Kamon started in {} ms; Prometheus scrape endpoint http://{}:{}{} (refreshed every {})",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), settings.host(), endpoint.port(),
        settings.path(), settings.kamon().getDuration("kamon.metric.tick-interval"));
    return new MetricsRuntime(endpoint, prometheus);
  }

  /** A runtime that runs nothing, for callers that start no node metrics. */
  public static MetricsRuntime disabled() {
    return new MetricsRuntime(null, null);
  }

  public boolean enabled() {
    return endpoint != null;
  }

  /** The scrape endpoint's port; empty when metrics are off. */
  public OptionalInt port() {
    return endpoint == null ? OptionalInt.empty() : OptionalInt.of(endpoint.port());
  }

  /** What a scrape returns now (the data of the last tick); empty when metrics are off. */
  public String scrapeData() {
    return scrapeSource == null ? "" : scrapeSource.scrapeData();
  }

  /** Stops the endpoint, and Kamon if this was its last user. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed || endpoint == null) {
      closed = true;
      return;
    }
    closed = true;
    endpoint.close();
    releaseKamon();
  }

  private static PrometheusReporter acquireKamon(Config kamonConfig) {
    synchronized (kamonLock) {
      if (kamonUsers == 0) {
        Kamon.init(kamonConfig);
        reporter = new PrometheusReporter(REPORTER_CONFIG_PATH, kamonConfig);
        registration = Kamon.addReporter(REPORTER_NAME, reporter);
      }
      kamonUsers++;
      return reporter;
    }
  }

  private static void releaseKamon() {
    synchronized (kamonLock) {
      kamonUsers--;
      if (kamonUsers > 0) {
        return;
      }
      registration.cancel();
      registration = null;
      reporter = null;
      try {
        Await.result(Kamon.stop(), scala.concurrent.duration.Duration.create(KAMON_STOP_PATIENCE.toMillis(),
            TimeUnit.MILLISECONDS));
        log.info("Kamon stopped");
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        log.warn("Kamon did not stop cleanly", e);
      }
    }
  }
}
