package io.shoal.observability.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Writes the JSON log lines to the process's stdout and keeps stdout for them alone: once {@link #reserveStdout} ran,
 * whatever else the process prints on {@code System.out} (a library's stray {@code println}, such as Pekko
 * projection's "# stop ..." lines) goes to stderr, so a log shipper reading stdout sees only JSON objects.
 * Declared in {@code shoal-log-json.xml}.
 */
public final class JsonStdoutAppender extends OutputStreamAppender<ILoggingEvent> {

  private static volatile PrintStream reserved;

  /**
   * From now on {@code System.out} is stderr and the real stdout belongs to this appender. Call before logging and
   * before Scala's {@code Console} initialise (the latter keeps the {@code System.out} it first sees). Idempotent.
   */
  public static synchronized void reserveStdout() {
    if (reserved == null) {
      reserved = System.out;
      System.setOut(System.err);
    }
  }

  @Override
  public void start() {
    PrintStream stdout = reserved != null ? reserved : System.out;
    // Stopping logging must not close the process's stdout (nor a test's captured System.out).
    setOutputStream(new FilterOutputStream(stdout) {
      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    });
    super.start();
  }
}
