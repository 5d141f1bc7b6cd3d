package io.shoal.node.pen;

import com.typesafe.config.Config;

/**
 * The {@code shoal.pen} block of the configuration: how a pen entity persists, tags its events and recognises
 * redelivered frames.
 */
public record PenSettings(int snapshotEvery, int keepSnapshots, int recentFrameIdsPerCamera, int tagSlices) {

  public static final String CONFIG_PATH = "shoal.pen";

  public PenSettings {
    if (snapshotEvery < 1 || keepSnapshots < 1 || recentFrameIdsPerCamera < 1 || tagSlices < 1) {
      throw new IllegalArgumentException("shoal.pen: snapshot-every, keep-snapshots, "
          + "recent-frame-ids-per-camera and tag-slices must be at least 1");
    }
  }

  public static PenSettings fromConfig(Config root) {
    Config c = root.getConfig(CONFIG_PATH);
    return new PenSettings(c.getInt("snapshot-every"), c.getInt("keep-snapshots"),
        c.getInt("recent-frame-ids-per-camera"), c.getInt("tag-slices"));
  }
}
