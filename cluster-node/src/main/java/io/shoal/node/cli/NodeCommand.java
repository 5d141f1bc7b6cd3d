package io.shoal.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.shoal.node.boot.NodeConfig;
import io.shoal.node.boot.ShoalNode;
import io.shoal.node.inference.InferenceListener;
import io.shoal.observability.Logs;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code shoal node}: a production node from configuration (application.conf, SHOAL_* environment variables): no
 * embedded services, the database and Kafka must be reachable. Runs until the process is stopped (SIGTERM runs a
 * graceful leave) or the cluster removes this node, then exits so a supervisor can restart it.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = "Run a cluster node from configuration (SHOAL_DB_URL, SHOAL_KAFKA_BOOTSTRAP, SHOAL_SEED_NODES...).")
public final class NodeCommand implements Callable<Integer> {

  private static final String CANONICAL = "pekko.remote.artery.canonical";

  @Override
  public Integer call() throws Exception {
    // A node the cluster has removed (downed, or left) must not linger as a zombie: exit and be restarted.
    Config config = NodeConfig.load(ConfigFactory.parseMap(Map.of("pekko.coordinated-shutdown.exit-jvm", "on")));
    // Every JSON line names its node: the configured address while it starts, the bound one once it runs.
    Logs.describeNode(NodeConfig.SYSTEM_NAME + "@" + config.getString(CANONICAL + ".hostname") + ":"
        + config.getInt(CANONICAL + ".port"), NodeConfig.roles(config));
    ShoalNode node = ShoalNode.start(config, InferenceListener.NONE);
    Logs.describeNode(node.system().address().hostPort(), node.roles());
    // SIGTERM: coordinated shutdown (its own JVM hook) drains and leaves; this waits for it before logging stops.
    ProcessExit.onExit(() -> node.whenTerminated().join());
    node.whenTerminated().get();
    return 0;
  }
}
