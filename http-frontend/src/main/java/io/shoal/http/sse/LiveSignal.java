package io.shoal.http.sse;

import io.shoal.protocol.pen.PenEventEnvelope;

/**
 * What a subscriber's live source receives: {@link Joined} first (from then on every event published for the pen
 * reaches it, so the journal catch-up may start), then the pen's {@link Live} events; or {@link Refused} instead of
 * all of it (the node serves its maximum of streams).
 */
sealed interface LiveSignal permits LiveSignal.Joined, LiveSignal.Live, LiveSignal.Refused {

  enum Joined implements LiveSignal { INSTANCE }

  /** One published event; one instance is shared by all of a pen's subscribers (immutable). */
  record Live(PenEventEnvelope envelope) implements LiveSignal {}

  record Refused(String reason) implements LiveSignal {}
}
