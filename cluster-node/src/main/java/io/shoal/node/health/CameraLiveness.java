package io.shoal.node.health;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * When each of a pen's cameras last delivered a frame. Bounded: a pen has a handful of cameras, so a flood of new
 * camera ids (a misconfigured or hostile sender) is refused rather than kept.
 */
public final class CameraLiveness {

  private final int maxCameras;
  private final Map<String, Instant> lastSeen = new HashMap<>();

  public CameraLiveness(int maxCameras) {
    if (maxCameras < 1) {
      throw new IllegalArgumentException("maxCameras must be at least 1");
    }
    this.maxCameras = maxCameras;
  }

  /** Records a frame; false when {@code cameraId} is new and the pen already has {@code maxCameras} cameras. */
  public boolean seen(String cameraId, Instant at) {
    if (!lastSeen.containsKey(cameraId) && lastSeen.size() >= maxCameras) {
      return false;
    }
    lastSeen.merge(cameraId, at, (before, now) -> now.isAfter(before) ? now : before);
    return true;
  }

  /** Cameras whose last frame is older than {@code silence} at {@code now}, in name order. */
  public Set<String> silent(Instant now, Duration silence) {
    Instant cutoff = now.minus(silence);
    Set<String> silent = new TreeSet<>();
    lastSeen.forEach((camera, at) -> {
      if (at.isBefore(cutoff)) {
        silent.add(camera);
      }
    });
    return silent;
  }

  /** Whether any camera delivered within {@code silence} of {@code now}; false for a pen that never saw a frame. */
  public boolean anyLive(Instant now, Duration silence) {
    return silent(now, silence).size() < lastSeen.size();
  }
}
