package io.shoal.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.shoal.observability.logging.LogKeys;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access log line and the error line of a request carry its id in the MDC (the {@code requestId} field of a JSON
 * line), although pekko-http writes them on whatever thread completes the response, and leave no id behind.
 */
class RequestLogMdcTest {

  private static final String ACCESS_LOGGER = "io.shoal.http.access";
  private static final Duration PATIENCE = Duration.ofSeconds(5);

  private static TestServer server;
  private static CapturedLogs logs;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer("shoal.http.rate-limit.capacity = 1000");
    logs = new CapturedLogs(ACCESS_LOGGER, ProblemExceptionHandler.class.getName());
  }

  @AfterAll
  static void stop() throws Exception {
    logs.close();
    server.close();
  }

  @Test
  void the_access_line_carries_the_clients_request_id() throws Exception {
    server.send(server.request("/ok").header(RequestIds.HEADER, "trace-ok-1").build());

    ILoggingEvent line = await(e -> e.getLoggerName().equals(ACCESS_LOGGER)
        && e.getFormattedMessage().startsWith("trace-ok-1 GET /ok -> 200"));
    assertThat(line.getMDCPropertyMap()).containsEntry(LogKeys.REQUEST_ID, "trace-ok-1");
  }

  @Test
  void a_generated_id_is_the_one_in_the_mdc_and_on_the_response() throws Exception {
    HttpResponse<String> response = server.fetch("/query?n=3");
    String id = response.headers().firstValue(RequestIds.HEADER).orElseThrow();

    ILoggingEvent line = await(e -> e.getLoggerName().equals(ACCESS_LOGGER)
        && e.getFormattedMessage().startsWith(id + " GET /query -> 200"));
    assertThat(line.getMDCPropertyMap()).containsEntry(LogKeys.REQUEST_ID, id);
  }

  @Test
  void the_error_line_of_a_failed_request_carries_its_id_and_the_ids_do_not_leak() throws Exception {
    server.send(server.request("/boom").header(RequestIds.HEADER, "trace-boom-1").build());
    server.send(server.request("/ok").header(RequestIds.HEADER, "trace-after-boom").build());

    ILoggingEvent error = await(e -> e.getLoggerName().equals(ProblemExceptionHandler.class.getName())
        && e.getFormattedMessage().contains("trace-boom-1"));
    assertThat(error.getMDCPropertyMap()).containsEntry(LogKeys.REQUEST_ID, "trace-boom-1");
    assertThat(error.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
    // Every line names its own request: none carries another request's id.
    ILoggingEvent after = await(e -> e.getFormattedMessage().startsWith("trace-after-boom GET /ok"));
    assertThat(after.getMDCPropertyMap()).containsEntry(LogKeys.REQUEST_ID, "trace-after-boom");
    for (ILoggingEvent event : logs.events()) {
      String id = event.getMDCPropertyMap().get(LogKeys.REQUEST_ID);
      assertThat(event.getFormattedMessage()).as("a line with MDC id %s", id).contains(String.valueOf(id));
    }
  }

  private static ILoggingEvent await(Predicate<ILoggingEvent> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      List<ILoggingEvent> found = logs.events().stream().filter(wanted).toList();
      if (!found.isEmpty()) {
        return found.get(0);
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no such log line within " + PATIENCE + " in " + logs.events().stream()
        .map(ILoggingEvent::getFormattedMessage).toList());
  }
}
