package io.shoal.http.sse;

import io.shoal.protocol.pen.PenEventEnvelope;
import java.util.OptionalLong;

/**
 * Keeps one subscriber's stream free of gaps and duplicates by the events' journal sequence numbers. The stream it
 * watches is the catch-up from the journal followed by the live topic; the live topic may repeat what the catch-up
 * already gave (both overlap by design) and may miss events (the topic is at most once: a subscription not yet
 * visible to the publisher, a pen moving to another node). Duplicates are skipped; a gap is filled from the journal,
 * where every published event already is (the pen publishes only after its write).
 *
 * <p>Not thread-safe: one per stream, used from its stage only.
 */
final class SequenceCursor {

  /** What to emit for one incoming event. */
  sealed interface Step permits Skip, Emit, FillGap {}

  /** Already emitted (or older): drop it. */
  enum Skip implements Step { INSTANCE }

  /** The next one: emit it. */
  record Emit(PenEventEnvelope envelope) implements Step {}

  /** Events {@code from..to} were missed: read them from the journal, then emit {@code envelope} (to + 1). */
  record FillGap(long from, long to, PenEventEnvelope envelope) implements Step {}

  /** Sequence number of the last event emitted; -1 until the first one when the stream starts "from now". */
  private long last;

  /** @param lastEventId the last event the client has (its Last-Event-ID), or empty to start with the first live one */
  SequenceCursor(OptionalLong lastEventId) {
    this.last = lastEventId.orElse(-1);
  }

  Step next(PenEventEnvelope envelope) {
    long sequenceNr = envelope.sequenceNr();
    if (last < 0) {
      last = sequenceNr;
      return new Emit(envelope);
    }
    if (sequenceNr <= last) {
      return Skip.INSTANCE;
    }
    long expected = last + 1;
    last = sequenceNr;
    return sequenceNr == expected ? new Emit(envelope) : new FillGap(expected, sequenceNr - 1, envelope);
  }

  long last() {
    return last;
  }
}
