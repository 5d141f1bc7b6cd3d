package io.shoal.node.boot;

import io.shoal.protocol.pen.PenProtocol;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion.ClusterShardingStats;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.ShardRegion.ShardRegionStats;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;

/** What a node's cluster membership and pen sharding look like right now, for multi-node assertions. */
final class ClusterProbe {

  private static final Duration ASK = Duration.ofSeconds(5);

  private ClusterProbe() {}

  /** The pens this node's shard region hosts now (its local shards' entities). */
  static Set<String> hostedPens(ShoalNode node) throws Exception {
    CurrentShardRegionState state = AskPattern.<org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery,
            CurrentShardRegionState>ask(ClusterSharding.get(node.system()).shardState(),
            replyTo -> new GetShardRegionState(PenProtocol.ENTITY_TYPE_KEY, replyTo), ASK,
            node.system().scheduler())
        .toCompletableFuture().get(ASK.toMillis() * 2, TimeUnit.MILLISECONDS);
    Set<String> pens = new TreeSet<>();
    state.getShards().forEach(shard -> pens.addAll(shard.getEntityIds()));
    return pens;
  }

  /**
   * The shard regions the pen coordinator knows, asked through {@code node}: a region is listed once it has
   * registered, i.e. once new shards may be allocated to it.
   */
  static Map<Address, ShardRegionStats> regions(ShoalNode node) throws Exception {
    ClusterShardingStats stats = AskPattern.<org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery,
            ClusterShardingStats>ask(ClusterSharding.get(node.system()).shardState(),
            replyTo -> new GetClusterShardingStats(PenProtocol.ENTITY_TYPE_KEY, ASK, replyTo), ASK.multipliedBy(2),
            node.system().scheduler())
        .toCompletableFuture().get(ASK.toMillis() * 3, TimeUnit.MILLISECONDS);
    return stats.getRegions();
  }

  /** Addresses of the members this node sees Up, provided it sees no member unreachable and none joining/leaving. */
  static Set<Address> settledUpMembers(ShoalNode node) {
    var state = Cluster.get(node.system()).state();
    Set<Address> up = new HashSet<>();
    for (Member member : state.getMembers()) {
      if (member.status() != MemberStatus.up()) {
        return Set.of();
      }
      up.add(member.address());
    }
    return state.getUnreachable().isEmpty() ? up : Set.of();
  }

  static Address address(ShoalNode node) {
    return Cluster.get(node.system()).selfMember().address();
  }
}
