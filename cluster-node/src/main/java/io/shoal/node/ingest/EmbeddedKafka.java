package io.shoal.node.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka for the demo and tests, in this JVM: KRaft with one combined broker + controller on free
 * loopback ports, its log directory in a temporary directory deleted on {@link #close()}. No ZooKeeper, no Docker.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *   kafka.createTopics(4, "shoal.frames");
 *   ... bootstrap.servers = kafka.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final Path directory;
  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Duration startTime;
  private boolean closed;

  private EmbeddedKafka(Path directory, KafkaRaftServer server, String bootstrapServers, Duration startTime) {
    this.directory = directory;
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.startTime = startTime;
  }

  /** Formats a fresh log directory and starts the broker; returns once it accepts clients. */
  public static EmbeddedKafka start() {
    Instant begin = Instant.now();
    Path directory;
    try {
      directory = Files.createTempDirectory("shoal-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the embedded Kafka's log directory", e);
    }
    KafkaRaftServer server = null;
    try {
      int brokerPort = freePort();
      int controllerPort = freePort();
      String logDir = directory.resolve("log").toString();
      KafkaConfig config = new KafkaConfig(brokerProperties(logDir, brokerPort, controllerPort), false);
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(logDir)
          .addDirectory(logDir)
          .run();
      server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      String bootstrap = "127.0.0.1:" + brokerPort;
      awaitBroker(bootstrap);
      Duration took = Duration.between(begin, Instant.now());
      log.info("Embedded Kafka started on {} in {} ms (log dir {})", bootstrap, took.toMillis(), logDir);
      return new EmbeddedKafka(directory, server, bootstrap, took);
    } catch (Exception e) {
      if (server != null) {
        shutdownQuietly(server);
      }
      deleteQuietly(directory);
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("the embedded Kafka did not start", e);
    }
  }

  /** {@code host:port} for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The temporary directory holding the broker's log directory; deleted by {@link #close()}. */
  public Path directory() {
    return directory;
  }

  /** How long {@link #start()} took, from creating the directory to the broker answering clients. */
  public Duration startTime() {
    return startTime;
  }

  /** Creates each topic with {@code partitions} partitions (replication 1); a topic that already exists is kept. */
  public void createTopics(int partitions, String... topics) {
    List<NewTopic> newTopics = new ArrayList<>();
    for (String topic : topics) {
      newTopics.add(new NewTopic(topic, partitions, (short) 1));
    }
    try (Admin admin = admin()) {
      for (var entry : admin.createTopics(newTopics).values().entrySet()) {
        try {
          entry.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating topics timed out after " + ADMIN_TIMEOUT, e);
    }
  }

  /** Stops the broker and deletes its log directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    shutdownQuietly(server);
    deleteQuietly(directory);
  }

  private Admin admin() {
    return admin(bootstrapServers);
  }

  private static Admin admin(String bootstrapServers) {
    return Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()));
  }

  /** The broker is serving once it shows up in the cluster metadata it hands to clients. */
  private static void awaitBroker(String bootstrapServers)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (Admin admin = admin(bootstrapServers)) {
      long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
      while (admin.describeCluster().nodes().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("the embedded Kafka broker did not register within " + ADMIN_TIMEOUT);
        }
        Thread.sleep(50);
      }
    }
  }

  private static Properties brokerProperties(String logDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir);
    // One node: internal topics cannot be replicated, and small ones come up faster.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    // Consumers join a group at once instead of waiting 3 s for more members.
    p.put("group.initial.rebalance.delay.ms", "0");
    return p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void shutdownQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      log.warn("Embedded Kafka did not shut down cleanly", e);
    }
  }

  private static void deleteQuietly(Path directory) {
    try {
      Utils.delete(directory.toFile());
    } catch (IOException e) {
      log.warn("Cannot delete the embedded Kafka's directory {}", directory, e);
    }
  }
}
