package io.shoal.http.server;

import io.shoal.observability.logging.LogKeys;
import io.shoal.observability.logging.MdcScope;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapRequest;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeader;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is a plausible id, else a fresh UUID. The id
 * is echoed on the response (errors included, as the directive wraps the error handlers), set on the request for
 * inner routes ({@link #of}), and written in the access log and error log lines.
 *
 * <p>Why explicit rather than only the SLF4J MDC: a route runs on whichever dispatcher thread completes its
 * futures, so a thread-local MDC set at the start is gone (or, worse, another request's) by the time the response
 * is logged. Log lines that matter put the id in the MDC around the log call ({@link #mdc}) and in the text.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  /** The MDC key (a field of JSON log lines; {@code %X{requestId}} in a pattern). */
  public static final String MDC_KEY = LogKeys.REQUEST_ID;
  /** Long enough for UUIDs and trace ids; short and plain enough that a client cannot inject log lines. */
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIds() {
  }

  /** Resolves the id, then runs {@code inner} with it on a request whose X-Request-Id header is that id. */
  public static Route withRequestId(Function<String, Route> inner) {
    return extractRequest(request -> {
      String id = of(request).orElseGet(RequestIds::generate);
      return respondWithHeader(RawHeader.create(HEADER, id),
          () -> mapRequest(r -> r.removeHeader(HEADER).addHeader(RawHeader.create(HEADER, id)),
              () -> inner.apply(id)));
    });
  }

  /** The id {@link #withRequestId} gave this request, if it ran. */
  public static Optional<String> of(HttpRequest request) {
    return accept(request.getHeader(HEADER).map(h -> h.value()));
  }

  /** The client's id when it is valid. */
  static Optional<String> accept(Optional<String> clientId) {
    return clientId.map(String::strip).filter(id -> VALID.matcher(id).matches());
  }

  static String generate() {
    return UUID.randomUUID().toString();
  }

  /** Puts {@code id} in the MDC until the returned scope is closed (restoring what was there): wrap a log call. */
  public static MdcScope mdc(String id) {
    return MdcScope.of(MDC_KEY, id);
  }
}
