package io.shoal.persistence.readmodel;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * The three read-model repositories plus the dispatcher their blocking JDBC runs on, for asynchronous callers such
 * as HTTP routes and actors, which must never block their own threads:
 *
 * <pre>{@code
 * ReadModels readModels = ReadModels.create(system, dataSource);
 * CompletionStage<Optional<PenStatusView>> pen = readModels.query(r -> r.pens().get(penId));
 * }</pre>
 */
public final class ReadModels {

  /** Where {@link #query} runs: {@code shoal.read-models.dispatcher}. */
  public static final String DISPATCHER = "shoal.read-models.dispatcher";

  /** A unit of blocking read-model work. */
  @FunctionalInterface
  public interface Query<T> {
    T run(ReadModels readModels) throws SQLException;
  }

  private final PenStatusRepository pens;
  private final AlertRepository alerts;
  private final AssessmentRepository assessments;
  private final Executor blocking;

  public ReadModels(DataSource dataSource, ReadModelLimits limits, Executor blocking) {
    this.pens = new PenStatusRepository(dataSource, limits);
    this.alerts = new AlertRepository(dataSource, limits);
    this.assessments = new AssessmentRepository(dataSource, limits);
    this.blocking = blocking;
  }

  /** Repositories on {@code dataSource} with {@code shoal.read-models} limits and dispatcher. */
  public static ReadModels create(ActorSystem<?> system, DataSource dataSource) {
    return new ReadModels(dataSource, ReadModelLimits.fromConfig(system.settings().config()),
        system.dispatchers().lookup(DispatcherSelector.fromConfig(DISPATCHER)));
  }

  public PenStatusRepository pens() {
    return pens;
  }

  public AlertRepository alerts() {
    return alerts;
  }

  public AssessmentRepository assessments() {
    return assessments;
  }

  /** Runs {@code query} on the read models' dispatcher; an SQLException fails the stage. */
  public <T> CompletionStage<T> query(Query<T> query) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return query.run(this);
      } catch (SQLException e) {
        throw new CompletionException(e);
      }
    }, blocking);
  }
}
