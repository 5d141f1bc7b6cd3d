package io.shoal.node.sse;

import static io.shoal.node.sse.SseNode.eventually;
import static io.shoal.node.sse.SseNode.eventsPath;
import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.http.sse.PenEventFilter;
import io.shoal.http.sse.PenEventHubs;
import io.shoal.protocol.pen.ConditionThresholds;
import io.shoal.protocol.pen.PenProtocol.Command;
import io.shoal.protocol.pen.PenThresholds;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GET /api/v1/pens/{penId}/events on a real port, against real pens journaling to PostgreSQL and publishing on the
 * cluster topic. What a stream must show is read straight from the journal, so every assertion is "exactly these
 * ids, types and data, in this order".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PenEventStreamTest {

  private SseNode node;

  @BeforeAll
  void start() throws Exception {
    node = SseNode.start("sse-stream", Map.of(
        // Short, so the tests see keep-alives and a hub stopping behind its last subscriber.
        "shoal.http.sse.heartbeat", "1s",
        "shoal.http.sse.hub-idle-stop", "1s"));
  }

  @AfterAll
  void stop() throws Exception {
    node.close();
  }

  @Test
  void aReconnectWithLastEventIdGetsExactlyTheMissedEventsThenLiveOnes() throws Exception {
    String penId = "pen-resume";
    ActorRef<Command> pen = node.spawnPen(penId);
    String path = eventsPath(penId, false);

    // Live: WARNING with a lesion alert, which ops acknowledge.
    SseClient.Stream first = node.client.open(path, Optional.empty());
    node.frames(pen, 1, 40, 6);
    node.acknowledgeTheAlert(pen);
    List<SseClient.Received> beforeDrop = node.journal(penId, PenEventFilter.HEALTH);
    assertThat(beforeDrop).extracting(SseClient.Received::event)
        .contains("health-status-changed", "alert-raised", "alert-acknowledged");
    eventually("the first stream has every event so far", () -> first.events().size() >= beforeDrop.size());
    assertThat(first.events()).isEqualTo(beforeDrop);

    // The client goes away; the pen clears (status change, alert resolved) while nobody listens.
    first.close();
    eventually("the dropped stream left its hub", () -> node.stats(penId).subscribers() == 0);
    node.frames(pen, 41, 76, 0);
    long lastId = beforeDrop.get(beforeDrop.size() - 1).id();
    List<SseClient.Received> missed = after(lastId, node.journal(penId, PenEventFilter.HEALTH));
    assertThat(missed).extracting(SseClient.Received::event).contains("health-status-changed", "alert-resolved");

    // Back with its Last-Event-ID: exactly what it missed, from the journal...
    SseClient.Stream second = node.client.open(path, Optional.of(Long.toString(lastId)));
    eventually("the missed events arrive", () -> second.events().size() >= missed.size());
    assertThat(second.events()).isEqualTo(missed);

    // ...then live ones (a configuration change), with no duplicate of the catch-up.
    node.configure(pen, new PenThresholds(Map.of("lesion", new ConditionThresholds(0.3, 0.5)), 30));
    List<SseClient.Received> all = node.journal(penId, PenEventFilter.HEALTH);
    List<SseClient.Received> afterReconnect = after(lastId, all);
    assertThat(afterReconnect.size()).isGreaterThan(missed.size());
    eventually("the live events follow", () -> second.events().size() >= afterReconnect.size());
    assertThat(second.events()).isEqualTo(afterReconnect);

    // Together: every event once, in journal order.
    List<SseClient.Received> seen = new ArrayList<>(first.events());
    seen.addAll(second.events());
    assertThat(seen).isEqualTo(all);
    assertThat(seen).extracting(SseClient.Received::id).doesNotHaveDuplicates().isSorted();

    eventually("an idle stream gets keep-alives", () -> second.keepAlives() >= 1);
    assertThat(second.failure()).isNull();
    second.close();
  }

  @Test
  void twoHundredSubscribersShareOneTopicSubscriptionAndSeeTheSameEvents() throws Exception {
    String penId = "pen-crowd";
    ActorRef<Command> pen = node.spawnPen(penId);
    int subscribers = 200;
    List<SseClient.Stream> streams = new ArrayList<>();
    ExecutorService connecting = Executors.newFixedThreadPool(32);
    try {
      List<Future<SseClient.Stream>> opening = new ArrayList<>();
      for (int i = 0; i < subscribers; i++) {
        opening.add(connecting.submit(() -> node.client.open(eventsPath(penId, true), Optional.empty())));
      }
      for (Future<SseClient.Stream> stream : opening) {
        streams.add(stream.get());
      }
    } finally {
      connecting.shutdown();
    }
    eventually("every stream joined", () -> node.stats(penId).subscribers() == subscribers);

    node.frames(pen, 1, 40, 6);
    List<SseClient.Received> expected = node.journal(penId, PenEventFilter.WITH_ASSESSMENTS);
    assertThat(expected).extracting(SseClient.Received::id)
        .isEqualTo(LongStream.rangeClosed(1, expected.size()).boxed().collect(Collectors.toList()));
    eventually("every stream has every event",
        () -> streams.stream().allMatch(stream -> stream.events().size() >= expected.size()));
    for (SseClient.Stream stream : streams) {
      assertThat(stream.events()).isEqualTo(expected);
    }

    PenEventHubs.Stats stats = node.stats(penId);
    assertThat(stats.subscribers()).isEqualTo(subscribers);
    // One subscription to the pen's topic on this node, and this node's the only one registered for the pen.
    assertThat(stats.topicSubscribers()).isEqualTo(1);
    assertThat(stats.topicInstances()).isEqualTo(1);
    assertThat(stats.published()).isEqualTo(expected.size());

    streams.forEach(SseClient.Stream::close);
    eventually("every stream left", () -> node.stats(penId).subscribers() == 0);
    eventually("the idle hub stopped", () -> !node.stats(penId).subscribed());
  }

  @Test
  void assessmentsAreShownOnlyWhenAskedFor() throws Exception {
    String penId = "pen-filter";
    ActorRef<Command> pen = node.spawnPen(penId);
    SseClient.Stream everything = node.client.open(eventsPath(penId, true), Optional.empty());
    SseClient.Stream health = node.client.open(eventsPath(penId, false), Optional.empty());

    node.frames(pen, 1, 40, 6);
    List<SseClient.Received> all = node.journal(penId, PenEventFilter.WITH_ASSESSMENTS);
    List<SseClient.Received> healthOnly = node.journal(penId, PenEventFilter.HEALTH);
    eventually("both streams have their events",
        () -> everything.events().size() >= all.size() && health.events().size() >= healthOnly.size());

    assertThat(everything.events()).isEqualTo(all);
    assertThat(everything.events()).extracting(SseClient.Received::event).contains("frame-assessed");
    assertThat(health.events()).isEqualTo(healthOnly);
    assertThat(health.events()).extracting(SseClient.Received::event)
        .doesNotContain("frame-assessed")
        .contains("health-status-changed", "alert-raised");
    assertThat(health.events().get(0).data()).contains("\"penId\":\"pen-filter\"", "\"eventType\":");
    everything.close();
    health.close();
  }

  @Test
  void badPenIdsAndLastEventIdsAreRefused() throws Exception {
    assertStatus("/api/v1/pens/-bad/events", Optional.empty(), 400, "invalid-pen-id");
    assertStatus("/api/v1/pens/" + "p".repeat(65) + "/events", Optional.empty(), 400, "invalid-pen-id");
    assertStatus(eventsPath("pen-ok", false), Optional.of("abc"), 400, "invalid-last-event-id");
    assertStatus(eventsPath("pen-ok", false), Optional.of("-1"), 400, "invalid-last-event-id");
    assertStatus(eventsPath("pen-ok", false), Optional.of("99999999999999999999"), 400, "invalid-last-event-id");
    assertStatus("/api/v1/pens/pen-ok/events?assessments=maybe", Optional.empty(), 400, "invalid-parameter");
  }

  private void assertStatus(String path, Optional<String> lastEventId, int status, String type) throws Exception {
    HttpResponse<String> response = node.client.get(path, lastEventId);
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    assertThat(response.body()).startsWith(type);
  }

  private static List<SseClient.Received> after(long id, List<SseClient.Received> events) {
    return events.stream().filter(event -> event.id() > id).toList();
  }
}
