package io.shoal.node.sse;

import static io.shoal.node.sse.SseNode.eventually;
import static io.shoal.node.sse.SseNode.eventsPath;
import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.http.sse.PenEventFilter;
import io.shoal.protocol.pen.PenProtocol.Command;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/**
 * The deployment shape: the pen lives on one node, its subscribers are on another ({@code api}) node, so every live
 * event crosses the cluster topic between two ActorSystems (on loopback ports, one JVM).
 */
class SseAcrossNodesTest {

  @Test
  void aSubscriberOnAnotherNodeGetsEveryEventLiveAndResumesFromTheJournal() throws Exception {
    try (SseNode node = SseNode.start("sse-cluster", Map.of("shoal.http.sse.heartbeat", "1s"));
        SseNode.Member api = node.startMember()) {
      String penId = "pen-remote";
      ActorRef<Command> pen = node.spawnPen(penId);

      SseClient.Stream first = api.api().client().open(eventsPath(penId, true), Optional.empty());
      // The stream is open once the api node's own topic is subscribed; the pen's node learns of it through the
      // receptionist a little later. Events persisted before that reach this subscriber only with the pen's next
      // event (gap fill from the journal): wait, so the last events of this test are not such events.
      eventually("the pen's node knows the subscriber's topic", () -> node.knownTopicInstances(penId) >= 1);
      node.frames(pen, 1, 40, 6);
      List<SseClient.Received> sofar = node.journal(penId, PenEventFilter.WITH_ASSESSMENTS);
      eventually("every event crossed the cluster", () -> first.events().size() >= sofar.size());
      assertThat(first.events()).isEqualTo(sofar);
      // The api node holds the pen's only registered topic instance; the pen's node has no subscriber.
      assertThat(api.stats(penId).topicInstances()).isEqualTo(1);
      assertThat(node.stats(penId).nodeHubs()).isZero();

      first.close();
      node.frames(pen, 41, 50, 0);
      long lastId = sofar.get(sofar.size() - 1).id();
      SseClient.Stream second =
          api.api().client().open(eventsPath(penId, true), Optional.of(Long.toString(lastId)));
      node.frames(pen, 51, 60, 0);
      List<SseClient.Received> rest = node.journal(penId, PenEventFilter.WITH_ASSESSMENTS).stream()
          .filter(event -> event.id() > lastId).toList();
      eventually("the missed and the new events arrive", () -> second.events().size() >= rest.size());
      assertThat(second.events()).isEqualTo(rest);
      second.close();
    }
  }
}
