package io.shoal.node.bench.e2e;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.shoal.http.auth.JwtSettings;
import io.shoal.http.auth.Role;
import io.shoal.http.auth.TokenIssuer;
import io.shoal.node.boot.EmbeddedServices;
import io.shoal.node.boot.NodeConfig;
import io.shoal.node.boot.ShoalNode;
import io.shoal.node.inference.BatchStats;
import io.shoal.node.inference.InferenceService;
import io.shoal.node.inference.InferenceSettings;
import io.shoal.node.ingest.ConsumerLag;
import io.shoal.node.ingest.IngestMetrics;
import io.shoal.node.ingest.IngestSettings;
import io.shoal.node.ingest.KafkaSettings;
import io.shoal.node.render.FrameRenderer;
import io.shoal.node.render.FrameSet;
import io.shoal.observability.metrics.MetricsRuntime;
import io.shoal.observability.metrics.MetricsSettings;
import io.shoal.node.render.LabelMix;
import io.shoal.node.render.RenderedFrame;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code shoal bench}: the ceiling, then one node with every role on an embedded PostgreSQL and an in-process
 * Kafka with the real model, measured section by section (throughput, latency, HTTP, SSE, idle pens), all in one
 * JVM and one run. {@link #close()} stops whatever is still running (also on Ctrl-C).
 */
public final class E2eBenchmark implements AutoCloseable {

  static final String IN_FLIGHT_PER_PARTITION = "shoal.kafka.ingest.in-flight-per-partition";
  /** The node's settings that shape the figures, printed with the report. */
  private static final List<String> REPORTED_SETTINGS = List.of(
      "shoal.metrics.enabled",
      "shoal.inference.workers",
      "shoal.inference.intra-op-threads",
      "shoal.inference.max-batch-size",
      "shoal.inference.max-batch-delay",
      "shoal.inference.queue-capacity",
      InferenceService.PREPROCESS_DISPATCHER + ".thread-pool-executor.fixed-pool-size",
      IN_FLIGHT_PER_PARTITION,
      "shoal.kafka.ingest.commit.max-batch",
      "shoal.kafka.ingest.commit.max-interval",
      "pekko.kafka.consumer.kafka-clients.max.poll.records",
      "shoal.pen.inference.max-in-flight",
      "shoal.pen.snapshot-every",
      "pekko-persistence-jdbc.shared-databases.slick.db.numThreads",
      "shoal.db.pool-size");
  private static final String PEN_HEALTH_TOPIC = "shoal.projections.pen-health.topic";
  private static final long API_BIND_SECONDS = 60;
  private static final int SECRET_BYTES = 48;

  private final Config options;
  private final boolean quick;
  private final String command;
  private final Progress progress;
  private EmbeddedServices services;
  /** Started first and handed to the node, which then closes it; closed here only if the node never started. */
  private MetricsRuntime metrics;
  private ShoalNode node;
  private FrameProducer producer;
  private ConsumerLag lag;
  private boolean closed;

  /**
   * @param options  the command line's settings, over the node's usual configuration (environment included)
   * @param command  the command line that reproduces this run, for the report
   * @param progress where to say what is running (stderr), so stdout carries only the report
   */
  public E2eBenchmark(Config options, boolean quick, String command, PrintStream progress) {
    this.options = options;
    this.quick = quick;
    this.command = command;
    this.progress = new Progress(progress);
  }

  public E2eReport run() throws Exception {
    Machine machine = Machine.describe();
    Config base = NodeConfig.load(options);
    E2eSettings settings = E2eSettings.fromConfig(base, quick);
    Config nodeOptions = nodeOptions(settings);
    Config shape = NodeConfig.load(nodeOptions);
    InferenceSettings inference = InferenceSettings.fromConfig(shape);
    int preprocessThreads = shape.getInt(InferenceService.PREPROCESS_DISPATCHER
        + ".thread-pool-executor.fixed-pool-size");
    // As a node runs in production (metrics on unless switched off), and before anything loads the classes Kamon's
    // agent instruments: the JDBC pool and Kafka clients of the embedded services, Pekko's.
    metrics = MetricsRuntime.start(shape);

    progress.say("rendering %d distinct frames (not timed)", settings.distinctFrames());
    List<byte[]> frames = FrameSet.render(new FrameRenderer(), settings.seed(), settings.distinctFrames(),
        LabelMix.DATASET).stream().map(RenderedFrame::jpeg).toList();
    CeilingRun.Result ceiling = CeilingRun.measure(inference, preprocessThreads, frames, settings.ceiling(),
        progress);

    progress.say("starting embedded PostgreSQL and Kafka");
    KafkaSettings kafka = KafkaSettings.fromConfig(shape);
    // Always embedded: the bench must not write its frames into (or read the groups of) a real installation.
    Config servicesConfig = ConfigFactory.parseMap(Map.of("shoal.db.url", "")).withFallback(shape);
    services = EmbeddedServices.start(servicesConfig, null, settings.partitions(),
        List.of(kafka.framesTopic(), kafka.deadLetterTopic(), shape.getString(PEN_HEALTH_TOPIC)));
    Config config = NodeConfig.load(services.overrides().withFallback(nodeOptions));
    String bootstrap = config.getString("shoal.kafka.bootstrap-servers");
    producer = new FrameProducer(bootstrap, kafka.framesTopic(), frames, settings);
    progress.say("producing %d warm-up + %d timed frames", settings.pipeline().warmUpFrames(),
        settings.pipeline().frames());
    producer.burst("warm", settings.pipeline().warmUpFrames());
    FrameProducer.Sent preloaded = producer.burst("tp", settings.pipeline().frames());
    progress.say("produced at %.0f frames/s; starting the node", preloaded.rate());

    BatchStats batches = new BatchStats(inference.batching().maxBatchSize());
    MetricsRuntime nodeMetrics = metrics;
    metrics = null;
    node = ShoalNode.start(config, batches, nodeMetrics);
    List<String> pens = IntStream.range(0, settings.pens()).mapToObj(settings::penId).toList();
    PublishedEvents events = new PublishedEvents();
    EventTap.start(node.system(), pens, events);
    IngestMetrics ingest = node.ingestMetrics().orElseThrow();
    lag = ConsumerLag.connect(bootstrap, IngestSettings.fromConfig(config).groupId(), kafka.framesTopic(),
        MetricsSettings.fromConfig(config).consumerLagTimeout());

    Optional<ProcessHandle> database = CpuProfile.postgresServer(
        Integer.parseInt(config.getString("shoal.db.url").replaceAll(".*:(\\d+)/.*", "$1")));
    PipelineRun.Result pipeline = PipelineRun.measure(ingest, batches, lag, database, settings, progress);
    List<LatencyRun.Result> latency = new ArrayList<>();
    for (double fraction : settings.latency().rateFractions()) {
      latency.add(LatencyRun.measure(producer, events, "lat" + Math.round(fraction * 100), fraction,
          pipeline.framesPerSecond(), settings.latency(), progress));
    }

    // Before the HTTP and SSE sections, whose connections and streams would still be winding down meanwhile.
    IdlePenMemory.Result idle = IdlePenMemory.measure(node.system(), settings.idlePens(), progress);

    int port = node.apiBinding().orElseThrow().toCompletableFuture().get(API_BIND_SECONDS, TimeUnit.SECONDS)
        .localAddress().getPort();
    TokenIssuer tokens = new TokenIssuer(JwtSettings.fromConfig(config));
    HttpLoad.Result http = HttpLoad.measure(port, tokens.issue("bench-http", Set.of(Role.VIEWER)).token(), pens,
        settings.http(), progress);
    SseFanOut.Result sse = SseFanOut.measure(port,
        s -> tokens.issue("bench-sse-" + s, Set.of(Role.VIEWER)).token(), pens, events, producer,
        settings.sse().rateFraction() * pipeline.framesPerSecond(), settings.sse(), progress);

    return new E2eReport(machine, command, settings, reportedSettings(config, settings), ceiling, pipeline, latency,
        http, sse, idle, progress.elapsedNanos());
  }

  /**
   * What the bench's node runs with: the command line's options, the bench's node-overrides, and what a
   * throw-away one-node cluster on this machine needs (free ports, loopback, its own random JWT secret).
   */
  private Config nodeOptions(E2eSettings settings) {
    Map<String, Object> local = new HashMap<>();
    local.put("shoal.cluster.port", 0);
    local.put("shoal.cluster.seed-nodes", "");
    local.put("shoal.cluster.self-join", true);
    local.put("shoal.cluster.roles", "ingest,inference,api");
    local.put("shoal.management.port", 0);
    local.put("shoal.http.port", 0);
    local.put("shoal.http.interface", "127.0.0.1");
    local.put("shoal.metrics.port", 0);
    local.put("shoal.metrics.host", "127.0.0.1");
    byte[] secret = new byte[SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    local.put("shoal.http.auth.hs256-secret", Base64.getEncoder().encodeToString(secret));
    local.put("shoal.node.demo-secret", false);
    return options.withFallback(ConfigFactory.parseMap(local)).withFallback(settings.nodeOverrides());
  }

  private static List<Map.Entry<String, String>> reportedSettings(Config config, E2eSettings settings) {
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    for (String key : REPORTED_SETTINGS) {
      if (config.hasPath(key)) {
        entries.add(new AbstractMap.SimpleImmutableEntry<>(key, String.valueOf(config.getValue(key).unwrapped())));
      }
    }
    settings.nodeOverrides().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        entries.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(),
            e.getValue().unwrapped() + " (bench override)")));
    return entries;
  }

  /** Stops the node, the producer and the embedded services; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (lag != null) {
      lag.close();
    }
    if (producer != null) {
      producer.close();
    }
    if (node != null) {
      try {
        node.close();
      } catch (Exception e) {
        progress.say("the node did not stop cleanly: %s", e);
      }
    }
    if (services != null) {
      services.close();
    }
    if (metrics != null) {
      metrics.close();
    }
  }
}
