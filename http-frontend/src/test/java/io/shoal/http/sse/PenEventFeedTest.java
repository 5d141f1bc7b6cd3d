package io.shoal.http.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.protocol.pen.PenEventEnvelope;
import io.shoal.protocol.pen.PenProtocol.AlertResolved;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.NoOffset;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The feed's ordering rules, driven by hand: the hub is a probe (so the test says exactly when the stream joined
 * and which live events arrive, duplicates and gaps included) and the journal an in-memory list that records what
 * it was asked for.
 */
class PenEventFeedTest {

  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final String PEN = "pen-1";
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Journal queries as (from, to). */
  private final List<long[]> queries = new CopyOnWriteArrayList<>();
  private final TestProbe<PenEventHubs.Command> hubs = KIT.createTestProbe();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void withoutLastEventIdTheStreamStartsLiveAndNeverReadsTheJournal() throws Exception {
    CompletionStage<List<PenEventEnvelope>> stream = run(feed(journalUpTo(10), 16), OptionalLong.empty(), 2);
    ActorRef<LiveSignal> live = joined();
    live.tell(live(7));
    live.tell(live(8));
    assertThat(ids(stream)).containsExactly(7L, 8L);
    assertThat(queries).isEmpty();
  }

  @Test
  void aCatchUpIsFollowedByTheLiveEventsItHasNotGivenAlready() throws Exception {
    CompletionStage<List<PenEventEnvelope>> stream = run(feed(journalUpTo(5), 16), OptionalLong.of(2), 4);
    ActorRef<LiveSignal> live = joined();
    // 4 and 5 were published after the subscription and are also in the journal: shown once.
    live.tell(live(4));
    live.tell(live(5));
    live.tell(live(6));
    assertThat(ids(stream)).containsExactly(3L, 4L, 5L, 6L);
    assertThat(queries).singleElement().satisfies(q -> assertThat(q).containsExactly(3, Long.MAX_VALUE));
  }

  @Test
  void liveEventsTheTopicMissedAreReadFromTheJournal() throws Exception {
    CompletionStage<List<PenEventEnvelope>> stream = run(feed(journalUpTo(9), 16), OptionalLong.empty(), 5);
    ActorRef<LiveSignal> live = joined();
    live.tell(live(5));
    live.tell(live(9));
    assertThat(ids(stream)).containsExactly(5L, 6L, 7L, 8L, 9L);
    assertThat(queries).singleElement().satisfies(q -> assertThat(q).containsExactly(6, 8));
  }

  @Test
  void aSubscriberThatFallsBehindItsBufferFailsWithAClearReason() {
    // The catch-up never ends, so live events pile up in the 2-slot buffer.
    CurrentEventsByPersistenceIdQuery stuck = (persistenceId, from, to) -> Source.never();
    CompletionStage<List<PenEventEnvelope>> stream = run(feed(stuck, 2), OptionalLong.of(0), 1);
    ActorRef<LiveSignal> live = joined();
    for (int i = 1; i <= 4; i++) {
      live.tell(live(i));
    }
    assertThatThrownBy(() -> stream.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(PenEventFeed.LiveBufferOverflow.class)
        .hasMessageContaining("fell more than 2 live events behind").hasMessageContaining("Last-Event-ID");
  }

  @Test
  void aRefusedSubscriptionFailsTheStream() {
    CompletionStage<List<PenEventEnvelope>> stream = run(feed(journalUpTo(1), 16), OptionalLong.empty(), 1);
    PenEventHubs.Subscribe subscribe = hubs.expectMessageClass(PenEventHubs.Subscribe.class, WAIT);
    subscribe.subscriber().tell(new LiveSignal.Refused("full"));
    assertThatThrownBy(() -> stream.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .hasCauseInstanceOf(PenEventFeed.Refused.class);
  }

  @Test
  void aStreamThatEndsLeavesItsHub() {
    CompletionStage<List<PenEventEnvelope>> stream = run(feed(journalUpTo(1), 16), OptionalLong.empty(), 1);
    ActorRef<LiveSignal> live = joined();
    live.tell(live(1));
    TestProbe<Object> watcher = KIT.createTestProbe();
    // take(1) completes the stream: its live source stops, which is what the hubs watch.
    watcher.expectTerminated(live, WAIT);
    assertThat(stream.toCompletableFuture().isCompletedExceptionally()).isFalse();
  }

  private PenEventFeed feed(CurrentEventsByPersistenceIdQuery journal, int bufferSize) {
    SseSettings settings = new SseSettings(Duration.ofSeconds(15), bufferSize, 100, Duration.ofSeconds(1),
        Duration.ofSeconds(1), "unused");
    return new PenEventFeed(KIT.system(), hubs.ref(), journal, settings);
  }

  private CompletionStage<List<PenEventEnvelope>> run(PenEventFeed feed, OptionalLong lastEventId, int take) {
    return feed.events(PEN, lastEventId).take(take).runWith(Sink.seq(), KIT.system());
  }

  /** The stream's subscription, answered as a ready hub does. */
  private ActorRef<LiveSignal> joined() {
    PenEventHubs.Subscribe subscribe = hubs.expectMessageClass(PenEventHubs.Subscribe.class, WAIT);
    assertThat(subscribe.penId()).isEqualTo(PEN);
    subscribe.subscriber().tell(LiveSignal.Joined.INSTANCE);
    return subscribe.subscriber();
  }

  private CurrentEventsByPersistenceIdQuery journalUpTo(long highest) {
    return (persistenceId, from, to) -> {
      assertThat(persistenceId).isEqualTo("Pen|" + PEN);
      queries.add(new long[] {from, to});
      return Source.from(LongStream.rangeClosed(Math.max(1, from), Math.min(highest, to)).boxed().toList())
          .map(sequenceNr -> new EventEnvelope(NoOffset.getInstance(), persistenceId, sequenceNr,
              event(sequenceNr), 0L));
    };
  }

  private static LiveSignal.Live live(long sequenceNr) {
    return new LiveSignal.Live(new PenEventEnvelope(PEN, sequenceNr, event(sequenceNr)));
  }

  private static AlertResolved event(long sequenceNr) {
    return new AlertResolved("alert-" + sequenceNr, Instant.EPOCH);
  }

  private static List<Long> ids(CompletionStage<List<PenEventEnvelope>> stream) throws Exception {
    return stream.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS).stream()
        .map(PenEventEnvelope::sequenceNr).toList();
  }
}
