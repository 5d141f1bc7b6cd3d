package io.shoal.persistence.readmodel;

import io.shoal.observability.metrics.Instruments;
import io.shoal.observability.metrics.MetricNames;
import io.shoal.observability.metrics.MetricTags;
import io.shoal.protocol.pen.HealthStatus;
import io.shoal.protocol.pen.PenProtocol.AlertSeverity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide gauges read from the read model on a timer: pens per health status
 * ({@value MetricNames#PENS_BY_HEALTH}) and unresolved (open or acknowledged) alerts per severity
 * ({@value MetricNames#ALERTS_OPEN}). Two grouped queries per poll on {@link ReadModels#DISPATCHER}; every status and
 * severity is published, at zero when none. Run on the {@code api} nodes (each reports the same cluster-wide figures;
 * dashboards take the max over instances).
 */
public final class ReadModelGauges {

  private static final Logger log = LoggerFactory.getLogger(ReadModelGauges.class);

  static final String PENS_BY_HEALTH_SQL = "SELECT status, count(*) FROM pen_status GROUP BY status";
  static final String OPEN_ALERTS_SQL =
      "SELECT severity, count(*) FROM alerts WHERE state <> 'resolved' GROUP BY severity";

  private ReadModelGauges() {}

  /** Polls every {@code interval} until the system terminates; the returned handle stops it earlier. */
  public static Cancellable start(ActorSystem<?> system, DataSource dataSource, Duration interval) {
    // Fixed delay: the next poll is scheduled once this one returned, so a slow database never stacks queries.
    return system.scheduler().scheduleWithFixedDelay(Duration.ZERO, interval, () -> poll(dataSource),
        system.dispatchers().lookup(DispatcherSelector.fromConfig(ReadModels.DISPATCHER)));
  }

  static void poll(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      Map<HealthStatus, Long> pens = counts(c, PENS_BY_HEALTH_SQL, HealthStatus.class);
      Map<AlertSeverity, Long> alerts = counts(c, OPEN_ALERTS_SQL, AlertSeverity.class);
      pens.forEach((status, count) ->
          Instruments.gauge(MetricNames.PENS_BY_HEALTH, MetricTags.HEALTH, code(status)).update(count));
      alerts.forEach((severity, count) ->
          Instruments.gauge(MetricNames.ALERTS_OPEN, MetricTags.SEVERITY, code(severity)).update(count));
    } catch (SQLException | RuntimeException e) {
      // The gauges keep their last values; the next poll tries again.
      log.warn("Read-model gauges not refreshed: {}", e.toString());
    }
  }

  /** Counts by the first column's enum constant, every constant present (zero when the query had no row for it). */
  static <E extends Enum<E>> Map<E, Long> counts(Connection c, String sql, Class<E> type) throws SQLException {
    Map<E, Long> counts = new EnumMap<>(type);
    for (E constant : type.getEnumConstants()) {
      counts.put(constant, 0L);
    }
    try (PreparedStatement statement = c.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        counts.put(Enum.valueOf(type, rows.getString(1)), rows.getLong(2));
      }
    }
    return counts;
  }

  private static String code(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }
}
