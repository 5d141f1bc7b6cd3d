package io.shoal.http.server;

import java.io.IOException;

/**
 * A JSON body that could not be read (malformed, too deep, wrong shape). It carries Jackson's exception for the
 * rejection handler, which tells the client where it went wrong without echoing Java type names.
 */
public final class JsonBodyException extends RuntimeException {

  public JsonBodyException(IOException cause) {
    super(cause.getMessage(), cause);
  }
}
