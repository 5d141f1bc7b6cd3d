package io.shoal.persistence.readmodel;

import io.shoal.protocol.pen.HealthStatus;
import java.time.Instant;
import java.util.List;

/**
 * One row of {@code pen_status}: a pen's health as of the newest event the projection applied.
 *
 * @param framesCounted  frames counted into the pen so far (duplicates excluded by the entity)
 * @param updatedAt      when the newest applied event was journaled
 * @param lastSequenceNr that event's sequence number in the pen's journal
 */
public record PenStatusView(String penId, HealthStatus status, List<String> reasons, long framesCounted,
    Instant updatedAt, long lastSequenceNr) {

  public PenStatusView {
    reasons = List.copyOf(reasons);
  }
}
