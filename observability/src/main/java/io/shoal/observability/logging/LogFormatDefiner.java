package io.shoal.observability.logging;

import ch.qos.logback.core.PropertyDefinerBase;

/**
 * Gives logback.xml the format to include ({@code shoal-log-<format>.xml}): {@value LogFormat#PROPERTY} from the
 * logger context (tests) or the system properties, else {@value LogFormat#ENV}, else text. A value that is neither json nor text, in any
 * case, falls back to text with a warning in logback's status: including a file that does not exist would leave no
 * console appender and lose every line silently. ({@code ./shoal} refuses such a value before logging starts.)
 */
public final class LogFormatDefiner extends PropertyDefinerBase {

  @Override
  public String getPropertyValue() {
    String property = getContext().getProperty(LogFormat.PROPERTY);
    if (property == null || property.isBlank()) {
      property = System.getProperty(LogFormat.PROPERTY);
    }
    String chosen = property != null && !property.isBlank() ? property : System.getenv(LogFormat.ENV);
    if (chosen == null || chosen.isBlank()) {
      return LogFormat.TEXT.value();
    }
    try {
      return LogFormat.parse(chosen, LogFormat.PROPERTY).value();
    } catch (IllegalArgumentException unknown) {
      addWarn(unknown.getMessage() + "; logging as text");
      return LogFormat.TEXT.value();
    }
  }
}
