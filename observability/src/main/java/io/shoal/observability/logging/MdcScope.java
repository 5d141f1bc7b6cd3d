package io.shoal.observability.logging;

import org.slf4j.MDC;

/**
 * MDC entries for the length of a try-with-resources block, around the log calls that need them. On close each key
 * gets back the value it had before (or is removed), so a scope never leaks into whatever the thread runs next and
 * nested scopes compose.
 *
 * <p>Why scoped rather than set once per request or frame: Pekko runs an actor's messages and a future's callbacks on
 * whichever dispatcher thread is free, so an MDC entry left on a thread would label another request's lines.
 */
public final class MdcScope implements AutoCloseable {

  private static final MdcScope EMPTY = new MdcScope(new String[0], new String[0]);

  private final String[] keys;
  private final String[] previous;
  private boolean closed;

  private MdcScope(String[] keys, String[] previous) {
    this.keys = keys;
    this.previous = previous;
  }

  /**
   * Puts {@code key, value, key, value...} in the MDC until {@link #close}. A null value leaves its key as it is
   * (the id is not known here), so callers need no branches.
   */
  public static MdcScope of(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs, got " + keysAndValues.length + " strings");
    }
    int entries = 0;
    for (int i = 1; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i] != null) {
        entries++;
      }
    }
    if (entries == 0) {
      return EMPTY;
    }
    String[] keys = new String[entries];
    String[] previous = new String[entries];
    int n = 0;
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        keys[n] = keysAndValues[i];
        previous[n] = MDC.get(keys[n]);
        MDC.put(keys[n], keysAndValues[i + 1]);
        n++;
      }
    }
    return new MdcScope(keys, previous);
  }

  /** Restores the keys' previous values, last put first. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = keys.length - 1; i >= 0; i--) {
      if (previous[i] == null) {
        MDC.remove(keys[i]);
      } else {
        MDC.put(keys[i], previous[i]);
      }
    }
  }
}
