package io.shoal.observability;

import ch.qos.logback.classic.LoggerContext;
import io.shoal.observability.logging.NodeFieldsJsonProvider;
import java.util.Collection;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Ends logging in order. logback.xml installs no JVM shutdown hook of its own, because one would stop logging at
 * the first moment of a SIGTERM, while a node is still draining and has the most to say; the process stops it
 * last instead, with {@link #flushAndStop()}.
 */
public final class Logs {

  private Logs() {}

  /** Writes the events still queued in the asynchronous appender and stops logging. Idempotent. */
  public static void flushAndStop() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      context.stop();
    }
  }

  /**
   * Names the node on every JSON log line from now on: {@code address} ({@code system@host:port}) and its roles.
   * Text lines are for one process on a terminal and stay as they are.
   */
  public static void describeNode(String address, Collection<String> roles) {
    NodeFieldsJsonProvider.describeNode(address, roles);
  }
}
