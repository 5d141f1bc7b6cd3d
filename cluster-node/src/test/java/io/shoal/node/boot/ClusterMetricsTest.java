package io.shoal.node.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.pekko.cluster.MemberStatus;
import org.junit.jupiter.api.Test;

class ClusterMetricsTest {

  @Test
  void everyMemberStatusIsPublishedInKebabCaseAtZeroWithoutMembers() {
    assertThat(ClusterMetrics.statusCode(MemberStatus.up())).isEqualTo("up");
    assertThat(ClusterMetrics.statusCode(MemberStatus.weaklyUp())).isEqualTo("weakly-up");
    assertThat(ClusterMetrics.countByStatus(List.of())).containsOnlyKeys("joining", "weakly-up", "up", "leaving",
        "exiting", "down", "removed", "preparing-for-shutdown", "ready-for-shutdown").allSatisfy(
            (status, count) -> assertThat(count).isZero());
  }
}
