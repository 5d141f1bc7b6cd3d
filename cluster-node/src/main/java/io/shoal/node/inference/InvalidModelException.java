package io.shoal.node.inference;

import java.util.List;

/** The model or its manifest cannot be used; the message lists every problem found, so one fix round suffices. */
public final class InvalidModelException extends RuntimeException {

  public InvalidModelException(String source, List<String> problems) {
    super("invalid model at " + source + ":\n  - " + String.join("\n  - ", problems));
  }

  public InvalidModelException(String message) {
    super(message);
  }

  public InvalidModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
