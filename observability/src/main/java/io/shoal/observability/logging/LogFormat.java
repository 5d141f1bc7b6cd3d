package io.shoal.observability.logging;

import java.util.Locale;
import java.util.Map;

/**
 * The two shapes of Shoal's log output: readable {@link #TEXT} lines on stderr, or one {@link #JSON} object per line
 * on stdout for a log shipper. logback.xml reads the choice from the system property {@value #PROPERTY} (else the
 * environment variable {@value #ENV}, else text) when logging initialises, that is at the first logger created; so
 * {@link #choose} must run before that.
 */
public enum LogFormat {
  TEXT, JSON;

  /** The system property logback.xml reads. */
  public static final String PROPERTY = "shoal.log.format";
  /** The operator's switch; it wins over every default. */
  public static final String ENV = "SHOAL_LOG_FORMAT";

  /** The name used in {@value #ENV}, {@value #PROPERTY} and logback's {@code shoal-log-<name>.xml}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code json} or {@code text}, in any case and with blanks around it. */
  public static LogFormat parse(String value, String source) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    for (LogFormat format : values()) {
      if (format.value().equals(v)) {
        return format;
      }
    }
    throw new IllegalArgumentException(source + " must be json or text, not '" + value + "'");
  }

  /**
   * The format to log in: {@value #ENV} from {@code env} when set, else the system property {@value #PROPERTY} when
   * set (e.g. in {@code SHOAL_JAVA_OPTS}), else {@code commandDefault}. Sets the property to the choice for
   * logback.xml.
   *
   * @throws IllegalArgumentException if the variable or the property is neither json nor text
   */
  public static LogFormat choose(LogFormat commandDefault, Map<String, String> env) {
    String fromEnv = env.get(ENV);
    String fromProperty = System.getProperty(PROPERTY);
    LogFormat format;
    if (fromEnv != null && !fromEnv.isBlank()) {
      format = parse(fromEnv, ENV);
    } else if (fromProperty != null && !fromProperty.isBlank()) {
      format = parse(fromProperty, "-D" + PROPERTY);
    } else {
      format = commandDefault;
    }
    System.setProperty(PROPERTY, format.value());
    return format;
  }
}
