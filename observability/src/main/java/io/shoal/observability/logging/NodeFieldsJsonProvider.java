package io.shoal.observability.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import net.logstash.logback.composite.AbstractJsonProvider;

/**
 * Adds the node's address and roles to every JSON log line once the node has said what they are
 * ({@link #describeNode}), so lines from many nodes can be told apart after they are shipped to one place.
 * Declared in {@code shoal-log-json.xml}.
 *
 * <p>Held here rather than as logback context properties: those are cleared when logging stops, before the async
 * appender writes what is still queued, and a node's last lines are the ones most worth attributing.
 */
public final class NodeFieldsJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

  private record NodeFields(String address, List<String> roles) {}

  private static volatile NodeFields node;

  /** From now on, JSON lines carry {@code node: address} and {@code roles: [...]} (sorted). */
  public static void describeNode(String address, Collection<String> roles) {
    node = new NodeFields(Objects.requireNonNull(address, "address"), List.copyOf(new TreeSet<>(roles)));
  }

  /** Lines no longer carry node fields (tests; a process that hosts more than one node). */
  public static void forgetNode() {
    node = null;
  }

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
    NodeFields fields = node;
    if (fields == null) {
      return;
    }
    generator.writeStringField(LogKeys.NODE, fields.address());
    generator.writeArrayFieldStart(LogKeys.ROLES);
    for (String role : fields.roles()) {
      generator.writeString(role);
    }
    generator.writeEndArray();
  }
}
