package io.shoal.node.boot;

import io.shoal.observability.metrics.Instruments;
import io.shoal.observability.metrics.MetricNames;
import io.shoal.observability.metrics.MetricTags;
import io.shoal.observability.metrics.TagValues;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Cluster membership as this node sees it: members per status ({@value MetricNames#CLUSTER_MEMBERS}, every status
 * published, zero when none) and unreachable members ({@value MetricNames#CLUSTER_UNREACHABLE}). Recomputed from the
 * cluster state on every membership or reachability event, and on a timer in case the state caught up after the
 * event was delivered.
 */
final class ClusterMetrics {

  /** Every status a member can have, in lifecycle order. */
  static final List<MemberStatus> STATUSES = List.of(MemberStatus.joining(), MemberStatus.weaklyUp(),
      MemberStatus.up(), MemberStatus.leaving(), MemberStatus.exiting(), MemberStatus.down(), MemberStatus.removed(),
      MemberStatus.shuttingDown(), MemberStatus.shutDown());

  private enum Refresh { INSTANCE }

  private ClusterMetrics() {}

  static Behavior<Object> create(Duration refreshInterval) {
    return Behaviors.setup(context -> {
      Cluster cluster = Cluster.get(context.getSystem());
      cluster.subscriptions().tell(Subscribe.create(context.getSelf().narrow(), ClusterEvent.MemberEvent.class));
      cluster.subscriptions().tell(
          Subscribe.create(context.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
      return Behaviors.withTimers(timers -> {
        timers.startTimerWithFixedDelay(Refresh.INSTANCE, refreshInterval);
        return Behaviors.receiveMessage(event -> {
          publish(cluster.state());
          return Behaviors.same();
        });
      });
    });
  }

  private static void publish(ClusterEvent.CurrentClusterState state) {
    countByStatus(state.getMembers()).forEach((status, count) ->
        Instruments.gauge(MetricNames.CLUSTER_MEMBERS, MetricTags.MEMBER_STATUS, status).update(count));
    Instruments.gauge(MetricNames.CLUSTER_UNREACHABLE).update(state.getUnreachable().size());
  }

  static Map<String, Long> countByStatus(Iterable<Member> members) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (MemberStatus status : STATUSES) {
      counts.put(statusCode(status), 0L);
    }
    for (Member member : members) {
      counts.merge(statusCode(member.status()), 1L, Long::sum);
    }
    return counts;
  }

  /** {@code WeaklyUp} → {@code weakly-up}. */
  static String statusCode(MemberStatus status) {
    return TagValues.kebab(status.toString());
  }
}
