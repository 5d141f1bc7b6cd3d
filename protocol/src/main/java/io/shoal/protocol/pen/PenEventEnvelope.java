package io.shoal.protocol.pen;

import io.shoal.protocol.CborSerializable;
import java.util.Objects;

/**
 * One persisted pen event as it is published live to the pen's cluster topic ({@link #topicName(String)}), for
 * per-pen subscribers such as the SSE route. {@code sequenceNr} is the event's journal sequence number: a subscriber
 * that missed some reads them from the journal and drops live duplicates by it.
 */
public record PenEventEnvelope(String penId, long sequenceNr, PenProtocol.Event event) implements CborSerializable {

  public PenEventEnvelope {
    Objects.requireNonNull(penId, "penId");
    Objects.requireNonNull(event, "event");
  }

  /** The cluster pub-sub topic carrying {@code penId}'s events (one topic per pen). */
  public static String topicName(String penId) {
    return "pen-events-" + penId;
  }
}
