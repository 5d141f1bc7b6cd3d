package io.shoal.http.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The events of some loggers, each with the MDC of the moment it was logged (copied on the logging thread, as the
 * node's async appender does). Close to detach.
 */
final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final List<Logger> loggers;

  CapturedLogs(String... loggerNames) {
    loggers = java.util.Arrays.stream(loggerNames).map(name -> (Logger) LoggerFactory.getLogger(name)).toList();
    setContext(loggers.get(0).getLoggerContext());
    start();
    loggers.forEach(logger -> logger.addAppender(this));
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    events.add(event);
  }

  List<ILoggingEvent> events() {
    return List.copyOf(events);
  }

  @Override
  public void close() {
    loggers.forEach(logger -> logger.detachAppender(this));
    stop();
  }
}
