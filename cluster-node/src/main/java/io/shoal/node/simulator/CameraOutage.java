package io.shoal.node.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A camera that goes silent (publishes nothing) from {@code start} until {@code end}, or for good when there is no
 * end. Times are relative to the simulator's start.
 */
public record CameraOutage(String cameraId, Duration start, Optional<Duration> end) {

  public CameraOutage {
    Objects.requireNonNull(cameraId, "cameraId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.isNegative()) {
      throw new IllegalArgumentException("an outage starts at or after the simulator's start: " + start);
    }
    if (end.isPresent() && end.get().compareTo(start) <= 0) {
      throw new IllegalArgumentException("an outage ends after it starts: " + start + " .. " + end.get());
    }
  }

  public boolean silentAt(Duration elapsed) {
    return elapsed.compareTo(start) >= 0 && end.map(e -> elapsed.compareTo(e) < 0).orElse(true);
  }
}
