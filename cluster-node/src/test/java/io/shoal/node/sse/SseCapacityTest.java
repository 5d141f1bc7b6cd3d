package io.shoal.node.sse;

import static io.shoal.node.sse.SseNode.eventually;
import static io.shoal.node.sse.SseNode.eventsPath;
import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.ingest.FrameRecords;
import io.shoal.protocol.pen.PenIds;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The node-wide bound on open streams, seen by a client: 503 beyond it, served again once a stream ends. */
class SseCapacityTest {

  @Test
  void beyondMaxSubscribersANewStreamGets503UntilOneEnds() throws Exception {
    try (SseNode node = SseNode.start("sse-capacity", Map.of("shoal.http.sse.max-subscribers", 2,
        // A dropped client is noticed when the next write to it fails: a short heartbeat makes that quick.
        "shoal.http.sse.heartbeat", "1s"))) {
      SseClient.Stream one = node.client.open(eventsPath("pen-a", false), Optional.empty());
      SseClient.Stream two = node.client.open(eventsPath("pen-b", true), Optional.empty());
      eventually("both streams joined", () -> node.stats("pen-a").nodeSubscribers() == 2);

      HttpResponse<String> refused = node.client.get(eventsPath("pen-c", false), Optional.empty());
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).startsWith("too-many-event-streams").contains("maximum of 2");

      one.close();
      eventually("the dropped stream freed its slot", () -> node.stats("pen-a").nodeSubscribers() == 1);
      try (SseClient.Stream three = node.client.open(eventsPath("pen-c", false), Optional.empty())) {
        assertThat(three.failure()).isNull();
      }
      two.close();
    }
  }

  @Test
  void theSharedPenIdRuleIsTheFrameContractsRule() {
    for (String id : new String[] {"pen-1", "a", "A.b_c:d-e", "p".repeat(64), "p".repeat(65), "", "-a", "_a",
        "a b", "a/b", "pén", "a\n"}) {
      assertThat(PenIds.isValid(id)).as(id).isEqualTo(FrameRecords.isValidId(id));
    }
    assertThat(PenIds.isValid(null)).isFalse();
  }
}
