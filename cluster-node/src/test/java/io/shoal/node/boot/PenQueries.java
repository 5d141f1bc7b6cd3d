package io.shoal.node.boot;

import io.shoal.protocol.pen.PenProtocol;
import io.shoal.protocol.pen.PenProtocol.GetHealth;
import io.shoal.protocol.pen.PenProtocol.PenHealth;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** Asks pens for their health through a node's sharding, as an API node would. */
final class PenQueries {

  private static final Duration ASK = Duration.ofSeconds(10);

  private PenQueries() {}

  static PenHealth health(ShoalNode node, String penId) throws Exception {
    return ClusterSharding.get(node.system()).entityRefFor(PenProtocol.ENTITY_TYPE_KEY, penId)
        .<PenHealth>ask(GetHealth::new, ASK)
        .toCompletableFuture().get(ASK.toMillis() * 2, TimeUnit.MILLISECONDS);
  }
}
