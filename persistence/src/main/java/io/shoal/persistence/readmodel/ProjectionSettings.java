package io.shoal.persistence.readmodel;

import com.typesafe.config.Config;
import io.shoal.protocol.pen.PenProtocol;
import java.util.List;
import java.util.Objects;

/**
 * One projection's settings under {@code shoal.projections.<key>} plus the shared {@code tag-slices}.
 *
 * @param name       projection name: the offset store's {@code projection_name} and the ShardedDaemonProcess name.
 *                   Renaming it starts the projection over from the journal's beginning.
 * @param tagSlices  how many {@code pens-<n>} tags the pen entities write (must equal {@code shoal.pen.tag-slices})
 */
public record ProjectionSettings(String name, int tagSlices, RestartBackoff restartBackoff) {

  public ProjectionSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(restartBackoff, "restartBackoff");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a projection name must not be blank");
    }
    if (tagSlices < 1) {
      throw new IllegalArgumentException("shoal.projections.tag-slices must be >= 1, was " + tagSlices);
    }
  }

  /** {@code shoal.projections.<key>} of a full configuration (the one an ActorSystem has). */
  public static ProjectionSettings fromConfig(Config root, String key) {
    Config projections = root.getConfig("shoal.projections");
    Config own = projections.getConfig(key);
    return new ProjectionSettings(
        own.getString("name"),
        projections.getInt("tag-slices"),
        RestartBackoff.fromConfig(own.getConfig("restart-backoff")));
  }

  /** The tags to project, one projection instance each. */
  public List<String> tags() {
    return PenProtocol.tags(tagSlices);
  }
}
