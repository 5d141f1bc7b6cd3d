package io.shoal.http.server;

import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;

/**
 * Turns exceptions thrown by routes into problem responses: an {@link ApiException} into its own status and
 * detail; a body over a size limit into 413; anything else into a 500 whose detail says only that the error was
 * logged under the request id. The stack trace goes to the log, never to the client.
 */
public final class ProblemExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

  private ProblemExceptionHandler() {
  }

  public static ExceptionHandler create() {
    return ExceptionHandler.newBuilder()
        .match(ApiException.class, Problems::complete)
        .match(EntityStreamSizeException.class, e -> tooLarge(e.limit()))
        .matchAny(ProblemExceptionHandler::internalError)
        .build();
  }

  static Route tooLarge(long limit) {
    return Problems.complete(StatusCodes.PAYLOAD_TOO_LARGE, "payload-too-large", "Request body too large",
        "The request body exceeds the limit of " + limit + " bytes for this resource.");
  }

  private static Route internalError(Throwable e) {
    return extractRequest(request -> {
      String id = RequestIds.of(request).orElse("-");
      try (var ignored = RequestIds.mdc(id)) {
        log.error("request {} {} {} failed", id, request.method().value(), request.getUri().path(), e);
      }
      return Problems.complete(StatusCodes.INTERNAL_SERVER_ERROR, "internal-error", "Internal server error",
          "The server failed to handle this request; it was logged under request id " + id + ".");
    });
  }
}
