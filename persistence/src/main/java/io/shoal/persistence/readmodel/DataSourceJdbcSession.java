package io.shoal.persistence.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.projection.jdbc.JdbcSession;

/**
 * pekko-projection-jdbc's unit of work over our bounded HikariCP pool, in plain JDBC: one pooled connection with
 * autocommit off, so a handler's statements and (for exactly-once projections) the offset it stores commit or roll
 * back together. The library creates one session per envelope (or group) and always ends it with commit or
 * rollback and then {@link #close()}, on its blocking JDBC dispatcher.
 *
 * <p>The connection is borrowed on the first {@link #withConnection} rather than in the constructor: a session the
 * library creates but never uses then holds no connection, and a pool that stays exhausted fails that first call
 * after the pool's connection timeout instead of blocking the constructor.
 */
public final class DataSourceJdbcSession implements JdbcSession {

  private final DataSource dataSource;
  private Connection connection;

  public DataSourceJdbcSession(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public <R> R withConnection(Function<Connection, R> func) throws Exception {
    return func.apply(connection());
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection c = dataSource.getConnection();
      try {
        c.setAutoCommit(false);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      connection = c;
    }
    return connection;
  }

  @Override
  public void commit() throws SQLException {
    if (connection != null) {
      connection.commit();
    }
  }

  @Override
  public void rollback() throws SQLException {
    if (connection != null) {
      connection.rollback();
    }
  }

  /**
   * Returns the connection to the pool. The library has committed or rolled back before; if it has not (a crash
   * between the two), HikariCP rolls the still-open transaction back when the connection returns, and a plain
   * DataSource's connection is really closed, which ends the transaction on the server.
   */
  @Override
  public void close() throws SQLException {
    Connection c = connection;
    connection = null;
    if (c != null) {
      c.close();
    }
  }
}
