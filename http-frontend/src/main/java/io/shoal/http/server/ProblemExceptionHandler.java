package io.shoal.http.server;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.pattern.AskTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
        // A stage completed exceptionally inside a route (e.g. an ApiException thrown in thenApply) arrives wrapped.
        .match(CompletionException.class, e -> e.getCause() != null ? unwrapped(e.getCause()) : internalError(e))
        .match(AskTimeoutException.class, e -> notAnswered())
        .match(TimeoutException.class, e -> notAnswered())
        .matchAny(ProblemExceptionHandler::internalError)
        .build();
  }

  private static Route unwrapped(Throwable cause) {
    if (cause instanceof ApiException api) {
      return Problems.complete(api);
    }
    if (cause instanceof AskTimeoutException || cause instanceof TimeoutException) {
      return notAnswered();
    }
    if (cause instanceof EntityStreamSizeException tooBig) {
      return tooLarge(tooBig.limit());
    }
    return internalError(cause);
  }

  /** A pen or the inference actors did not answer in time (busy, or moving between nodes): worth retrying. */
  private static Route notAnswered() {
    return Problems.complete(StatusCodes.SERVICE_UNAVAILABLE, "not-answered-in-time", "Not answered in time",
        "The cluster did not answer in time (it may be busy or rebalancing); try again later.");
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
