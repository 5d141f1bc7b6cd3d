package io.shoal.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.shoal.http.auth.JwtSettings;
import io.shoal.http.auth.Role;
import io.shoal.http.auth.TokenIssuer;
import io.shoal.node.boot.EmbeddedServices;
import io.shoal.node.boot.NodeConfig;
import io.shoal.node.boot.ShoalNode;
import io.shoal.node.inference.InferenceListener;
import io.shoal.node.ingest.KafkaSettings;
import io.shoal.node.simulator.CameraSimulator;
import io.shoal.node.simulator.SimulatorSettings;
import io.shoal.observability.Logs;
import io.shoal.observability.metrics.MetricsRuntime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shoal demo}: the whole system on one machine with nothing installed. Starts an embedded PostgreSQL and an
 * in-process Kafka (unless SHOAL_DB_URL / SHOAL_KAFKA_BOOTSTRAP point at real ones), a one-node cluster with every
 * role, and the camera simulator with its scripted episodes; health transitions are logged one line each. Ctrl-C
 * stops the cameras, drains the node and stops the embedded services.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run everything on embedded PostgreSQL + Kafka with simulated cameras (Ctrl-C stops).")
public final class DemoCommand implements Callable<Integer> {

  static final String OVERLAY = "shoal-demo.conf";
  /** How long the banner waits for the API's port (it binds while the model loads and the cluster forms). */
  private static final Duration API_BIND_PATIENCE = Duration.ofSeconds(30);
  private static final String PEN_HEALTH_TOPIC = "shoal.projections.pen-health.topic";

  @Option(names = "--pens", description = "Simulated pens (config: shoal.simulator.pens).")
  Integer pens;

  @Option(names = "--cameras", description = "Cameras per pen (config: shoal.simulator.cameras-per-pen).")
  Integer cameras;

  @Option(names = "--fps", description = "Frames per second per camera (config: shoal.simulator.fps).")
  Double fps;

  @Option(names = "--duration", converter = SimulateCommand.HoconDuration.class,
      description = "Stop after this long, e.g. 3m (default: until Ctrl-C).")
  Duration duration;

  @Override
  public Integer call() throws Exception {
    Config options = options();
    Config base = NodeConfig.load(options, OVERLAY, SimulatorSettings.RESOURCE);
    KafkaSettings kafka = KafkaSettings.fromConfig(base);
    // Before the embedded services load the JDBC and Kafka classes: Kamon's agent instruments what loads after it.
    MetricsRuntime metrics = MetricsRuntime.start(base);
    EmbeddedServices services;
    try {
      services = EmbeddedServices.start(base, System.getenv(EmbeddedServices.KAFKA_BOOTSTRAP_ENV),
          base.getInt("shoal.demo.partitions"),
          List.of(kafka.framesTopic(), kafka.deadLetterTopic(), base.getString(PEN_HEALTH_TOPIC)));
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    Demo demo;
    try {
      Config config = NodeConfig.load(services.overrides().withFallback(options), OVERLAY, SimulatorSettings.RESOURCE);
      demo = Demo.start(config, services, metrics);
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
    Logs.describeNode(demo.node.system().address().hostPort(), demo.node.roles()); // on JSON lines
    ProcessExit.onExit(demo::stop); // Ctrl-C
    if (duration == null) {
      demo.node.whenTerminated().get();
    } else {
      try {
        demo.node.whenTerminated().get(duration.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException timeIsUp) {
        demo.stop();
      }
    }
    return 0;
  }

  private Config options() {
    Map<String, Object> given = new HashMap<>();
    if (pens != null) {
      given.put(SimulatorSettings.CONFIG_PATH + ".pens", pens);
    }
    if (cameras != null) {
      given.put(SimulatorSettings.CONFIG_PATH + ".cameras-per-pen", cameras);
    }
    if (fps != null) {
      given.put(SimulatorSettings.CONFIG_PATH + ".fps", fps);
    }
    return ConfigFactory.parseMap(given);
  }

  /** What the demo runs, stopped in reverse order exactly once (by Ctrl-C or by --duration). */
  private static final class Demo {
    final ShoalNode node;
    final CameraSimulator simulator;
    final EmbeddedServices services;
    private boolean stopped;

    private Demo(ShoalNode node, CameraSimulator simulator, EmbeddedServices services) {
      this.node = node;
      this.simulator = simulator;
      this.services = services;
    }

    /** {@code metrics} go to the node, which closes them when it stops (or fails to start). */
    static Demo start(Config config, EmbeddedServices services, MetricsRuntime metrics) {
      KafkaSettings kafka;
      SimulatorSettings settings;
      try {
        kafka = KafkaSettings.fromConfig(config);
        settings = SimulatorSettings.fromConfig(config);
      } catch (RuntimeException e) {
        metrics.close();
        throw e;
      }
      ShoalNode node = ShoalNode.start(config, InferenceListener.NONE, metrics);
      CameraSimulator simulator;
      try {
        simulator = CameraSimulator.create(settings, kafka.bootstrapServers(), kafka.framesTopic());
        simulator.start();
      } catch (RuntimeException e) {
        stopQuietly(node);
        throw e;
      }
      System.err.printf("%nShoal demo: %d pens x %d cameras at %s fps -> %s on %s; database %s.%n%s%s"
              + "Health transitions appear below as they happen. Ctrl-C stops.%n%n",
          settings.pens(), settings.camerasPerPen(), settings.fps(), kafka.framesTopic(), kafka.bootstrapServers(),
          config.getString("shoal.db.url"), curlLine(node, config), metricsLine(node));
      return new Demo(node, simulator, services);
    }

    /** A ready-to-paste command that follows pen-2's health live, with a viewer token valid for the token ttl. */
    private static String curlLine(ShoalNode node, Config config) {
      try {
        int port = node.apiBinding().orElseThrow().toCompletableFuture()
            .get(API_BIND_PATIENCE.toSeconds(), TimeUnit.SECONDS).localAddress().getPort();
        String token = new TokenIssuer(JwtSettings.fromConfig(config).withDevSecretIfUnset())
            .issue("demo-viewer", Set.of(Role.VIEWER)).token();
        return String.format("Follow pen-2 live (more tokens: ./shoal token --role viewer):%n"
            + "  curl -sN -H \"Authorization: Bearer %s\" http://localhost:%d/api/v1/pens/pen-2/events%n", token, port);
      } catch (Exception e) {
        return "The HTTP API did not start: " + e.getMessage() + System.lineSeparator();
      }
    }

    private static String metricsLine(ShoalNode node) {
      return node.metrics().port()
          .stream()
          .mapToObj(port -> String.format("Prometheus metrics (SHOAL_METRICS_ENABLED=false turns them off):%n"
              + "  curl -s http://localhost:%d/metrics | grep ^shoal_%n", port))
          .findFirst()
          .orElse("");
    }

    private static void stopQuietly(ShoalNode node) {
      try {
        node.close();
      } catch (TimeoutException | RuntimeException e) {
        System.err.println("shoal demo: the node did not stop cleanly: " + e.getMessage());
      }
    }

    synchronized void stop() {
      if (stopped) {
        return;
      }
      stopped = true;
      simulator.close();
      stopQuietly(node);
      services.close();
      System.err.println("shoal demo stopped. " + simulator.stats().summary());
    }
  }
}
