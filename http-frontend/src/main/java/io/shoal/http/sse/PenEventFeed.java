package io.shoal.http.sse;

import io.shoal.persistence.readmodel.PenPersistenceIds;
import io.shoal.protocol.pen.PenEventEnvelope;
import io.shoal.protocol.pen.PenProtocol.Event;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.BufferOverflowException;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSource;

/**
 * A pen's events for one subscriber, with no gap and no duplicate, by journal sequence number:
 * <ol>
 *   <li>its live source joins the pen's {@link PenEventHub} (one topic subscription per pen per node) and starts
 *       buffering, bounded by {@code live-buffer-size};
 *   <li>then, for a client that has events already (Last-Event-ID), the ones after it are read from the journal
 *       ({@code currentEventsByPersistenceId}, the only journal read, once per reconnect);
 *   <li>then the buffered and further live events, minus those the catch-up already gave ({@link SequenceCursor});
 *       a live event that skips numbers has its missing predecessors read from the journal first.
 * </ol>
 * Without Last-Event-ID the stream starts with the first live event. A subscriber whose buffer overflows (it reads
 * slower than the pen produces, or its catch-up is long) gets {@link LiveBufferOverflow}: it reconnects with its
 * Last-Event-ID and resumes where it was.
 */
public final class PenEventFeed {

  /** A subscriber fell further behind its pen's live events than its buffer holds. */
  public static final class LiveBufferOverflow extends RuntimeException {
    LiveBufferOverflow(String penId, int bufferSize) {
      super("subscriber of pen " + penId + " fell more than " + bufferSize + " live events behind; reconnect with "
          + "Last-Event-ID to resume from the journal");
    }
  }

  /** The node serves its maximum of streams. */
  public static final class Refused extends RuntimeException {
    Refused(String reason) {
      super(reason);
    }
  }

  /** Spare time for an admission beyond a new hub's own subscribe timeout. */
  private static final Duration ADMIT_MARGIN = Duration.ofSeconds(2);

  private final ActorSystem<?> system;
  private final ActorRef<PenEventHubs.Command> hubs;
  private final CurrentEventsByPersistenceIdQuery journal;
  private final SseSettings settings;

  public PenEventFeed(ActorSystem<?> system, ActorRef<PenEventHubs.Command> hubs,
      CurrentEventsByPersistenceIdQuery journal, SseSettings settings) {
    this.system = system;
    this.hubs = hubs;
    this.journal = journal;
    this.settings = settings;
  }

  /**
   * Starts this node's hub registry (a system actor) and looks up the read journal named in {@code settings};
   * call once per node.
   */
  public static PenEventFeed start(ActorSystem<?> system, SseSettings settings) {
    ActorRef<PenEventHubs.Command> hubs =
        system.systemActorOf(PenEventHubs.create(settings), "sse-pen-event-hubs", Props.empty());
    CurrentEventsByPersistenceIdQuery journal = PersistenceQuery.get(system)
        .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, settings.readJournal());
    return new PenEventFeed(system, hubs, journal, settings);
  }

  /** The hub registry, for its {@link PenEventHubs.GetStats counters}. */
  public ActorRef<PenEventHubs.Command> hubs() {
    return hubs;
  }

  public SseSettings settings() {
    return settings;
  }

  /**
   * Whether a stream of {@code penId} may start now; completes once the pen's topic subscription on this node is
   * effective, so a client answered after it misses nothing live. Reserves nothing: {@link #events} may still be
   * refused in a burst.
   */
  public CompletionStage<PenEventHubs.Admission> admit(String penId) {
    return AskPattern.ask(hubs, replyTo -> new PenEventHubs.Admit(penId, replyTo),
        settings.subscribeTimeout().plus(ADMIT_MARGIN), system.scheduler());
  }

  /**
   * {@code penId}'s events after {@code lastEventId} (or from the next live one when empty), every event type;
   * joins the hub when materialized and leaves it when the stream ends. Fails with {@link LiveBufferOverflow} or
   * {@link Refused}.
   */
  public Source<PenEventEnvelope, NotUsed> events(String penId, OptionalLong lastEventId) {
    String persistenceId = PenPersistenceIds.PREFIX + penId;
    int bufferSize = settings.liveBufferSize();
    Source<LiveSignal, ActorRef<LiveSignal>> live = ActorSource.<LiveSignal>actorRef(
        signal -> false,
        signal -> signal instanceof LiveSignal.Refused refused
            ? Optional.of(new Refused(refused.reason())) : Optional.empty(),
        bufferSize, OverflowStrategy.fail());
    return live
        .mapMaterializedValue(subscriber -> {
          // Joins when the stream runs: a stream never run holds no slot and no subscription.
          hubs.tell(new PenEventHubs.Subscribe(penId, subscriber));
          return NotUsed.notUsed();
        })
        .mapError(BufferOverflowException.class, overflow -> new LiveBufferOverflow(penId, bufferSize))
        .flatMapConcat(signal -> signal instanceof LiveSignal.Live event
            ? Source.single(event.envelope())
            : catchUp(persistenceId, penId, lastEventId))
        .statefulMap(() -> new SequenceCursor(lastEventId),
            (cursor, envelope) -> Pair.create(cursor, cursor.next(envelope)),
            cursor -> Optional.empty())
        .flatMapConcat(step -> emit(persistenceId, penId, step));
  }

  /** After {@link LiveSignal.Joined}: the events the client missed, if it says which it has. */
  private Source<PenEventEnvelope, NotUsed> catchUp(String persistenceId, String penId, OptionalLong lastEventId) {
    return lastEventId.isPresent()
        ? journal(persistenceId, penId, lastEventId.getAsLong() + 1, Long.MAX_VALUE)
        : Source.empty();
  }

  private Source<PenEventEnvelope, NotUsed> emit(String persistenceId, String penId, SequenceCursor.Step step) {
    if (step instanceof SequenceCursor.Emit emit) {
      return Source.single(emit.envelope());
    } else if (step instanceof SequenceCursor.FillGap gap) {
      return journal(persistenceId, penId, gap.from(), gap.to()).concat(Source.single(gap.envelope()));
    }
    return Source.empty();
  }

  private Source<PenEventEnvelope, NotUsed> journal(String persistenceId, String penId, long from, long to) {
    return journal.currentEventsByPersistenceId(persistenceId, from, to)
        .map(envelope -> new PenEventEnvelope(penId, envelope.sequenceNr(), (Event) envelope.event()));
  }
}
