package io.shoal.persistence.readmodel;

import io.shoal.protocol.pen.PenProtocol;

/**
 * Pen ids from the persistence ids in the journal. A pen entity persists as {@code "Pen|<penId>"}: the entity type
 * key's name, Pekko's {@code PersistenceId.of} separator, the pen id (cluster-node's {@code PenEntity.persistenceId}).
 * Kept here, as a string rule, because this module cannot see the entity and needs no typed-persistence API for it.
 */
public final class PenPersistenceIds {

  /** What every pen's persistence id starts with. */
  public static final String PREFIX = PenProtocol.ENTITY_TYPE_KEY.name() + "|";

  private PenPersistenceIds() {}

  /**
   * The pen id in {@code persistenceId}.
   *
   * @throws IllegalArgumentException for an event that is not a pen's: the pens-N tags carry nothing else, so this
   *     is a tagging bug, and failing (the projection restarts with backoff and logs it) beats a silently wrong read
   *     model
   */
  public static String penId(String persistenceId) {
    if (!persistenceId.startsWith(PREFIX) || persistenceId.length() == PREFIX.length()) {
      throw new IllegalArgumentException("not a pen's persistence id: " + persistenceId);
    }
    return persistenceId.substring(PREFIX.length());
  }
}
