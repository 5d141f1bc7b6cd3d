package io.shoal.http.sse;

import static org.apache.pekko.http.javadsl.server.Directives.completeOK;
import static org.apache.pekko.http.javadsl.server.Directives.failWith;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onComplete;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;

import io.shoal.http.auth.Guard;
import io.shoal.http.auth.Role;
import io.shoal.http.server.ApiException;
import io.shoal.observability.logging.LogKeys;
import io.shoal.observability.logging.MdcScope;
import io.shoal.protocol.pen.PenEventEnvelope;
import io.shoal.protocol.pen.PenIds;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /pens/{penId}/events[?assessments=true]} (below {@code /api/v1}): the pen's events as Server-Sent
 * Events, {@code id} = journal sequence number, {@code event} = the type name ({@link PenEventJson}), {@code data} =
 * {@link PenEventJson#sseData}. Health changes, alerts, camera liveness and configuration by default; every frame
 * assessment too with {@code assessments=true}. A keep-alive line every {@code shoal.http.sse.heartbeat}.
 *
 * <p>{@code Last-Event-ID} (what browsers send on reconnect): the events after it come first, from the journal,
 * then live ones. It must be a sequence number (0..2^63-1; 0 = from the pen's first event); anything else is a 400,
 * because silently restarting "from now" would lose the events the client asked for. An empty value is absent (the
 * SSE spec's reset).
 *
 * <p>Errors are {@link ApiException}s for the server's problem+json handler: 400 invalid pen id / Last-Event-ID /
 * assessments flag, 503 when the node serves its maximum of streams. A stream that ends for a reason on our side
 * (its subscriber fell too far behind) simply completes: the client reconnects with its Last-Event-ID.
 */
public final class PenEventsRoute {

  /** The path template below {@code /api/v1}, for the OpenAPI document. */
  public static final String PATH = "/pens/{penId}/events";

  static final String LAST_EVENT_ID = "Last-Event-ID";

  private static final Set<Role> SUBSCRIBERS = Set.of(Role.VIEWER, Role.OPERATOR, Role.ADMIN);
  /** Longest Last-Event-ID worth parsing: Long.MAX_VALUE has 19 digits. */
  private static final int MAX_LAST_EVENT_ID_LENGTH = 19;
  private static final Logger LOG = LoggerFactory.getLogger(PenEventsRoute.class);

  private final PenEventFeed feed;
  private final Guard guard;

  public PenEventsRoute(PenEventFeed feed, Guard guard) {
    this.feed = feed;
    this.guard = guard;
  }

  /** Routes below {@code /api/v1}. */
  public Route route() {
    return pathPrefix("pens", () -> pathPrefix(PathMatchers.segment(), penId -> path("events", () -> get(() ->
        guard.allow(SUBSCRIBERS, principal -> parameterOptional("assessments", assessments ->
            optionalHeaderValueByName(LAST_EVENT_ID, lastEventId ->
                stream(penId(penId), filter(assessments), lastEventId(lastEventId)))))))));
  }

  private Route stream(String penId, PenEventFilter filter, OptionalLong lastEventId) {
    return onComplete(feed.admit(penId), admission -> {
      if (admission.isFailure() || admission.get() instanceof PenEventHubs.Refused) {
        String detail = admission.isFailure()
            ? "the pen's event hub did not answer in time; try again"
            : ((PenEventHubs.Refused) admission.get()).reason();
        return failWith(new ApiException(StatusCodes.SERVICE_UNAVAILABLE, "too-many-event-streams",
            "Event stream unavailable", detail));
      }
      Source<ServerSentEvent, NotUsed> events = feed.events(penId, lastEventId)
          .filter(envelope -> filter.includes(envelope.event()))
          .map(PenEventsRoute::toServerSentEvent)
          .recoverWithRetries(1, PenEventFeed.LiveBufferOverflow.class, () -> {
            try (var mdc = MdcScope.of(LogKeys.PEN_ID, penId)) {
              LOG.info("Ending an event stream of pen {}: its subscriber fell behind (it resumes on reconnect)", penId);
            }
            return Source.empty();
          })
          .keepAlive(feed.settings().heartbeat(), ServerSentEvent::heartbeat);
      // no-cache: a proxy must not serve a stream from cache; X-Accel-Buffering: nginx must not buffer it.
      return respondWithHeaders(List.of(RawHeader.create("Cache-Control", "no-cache"),
              RawHeader.create("X-Accel-Buffering", "no")),
          () -> completeOK(events, EventStreamMarshalling.toEventStream()));
    });
  }

  static ServerSentEvent toServerSentEvent(PenEventEnvelope envelope) {
    return ServerSentEvent.create(PenEventJson.sseData(envelope), Optional.of(PenEventJson.type(envelope.event())),
        Optional.of(Long.toString(envelope.sequenceNr())), OptionalInt.empty());
  }

  static String penId(String penId) {
    if (!PenIds.isValid(penId)) {
      throw new ApiException(StatusCodes.BAD_REQUEST, "invalid-pen-id", "Invalid pen id",
          "a pen id has 1-" + PenIds.MAX_LENGTH + " characters: letters, digits and . _ : - (starting with a letter "
              + "or digit)");
    }
    return penId;
  }

  static PenEventFilter filter(Optional<String> assessments) {
    String value = assessments.map(v -> v.toLowerCase(Locale.ROOT)).orElse("false");
    return switch (value) {
      case "true" -> PenEventFilter.WITH_ASSESSMENTS;
      case "false" -> PenEventFilter.HEALTH;
      default -> throw new ApiException(StatusCodes.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
          "assessments must be true or false");
    };
  }

  static OptionalLong lastEventId(Optional<String> header) {
    if (header.isEmpty() || header.get().isBlank()) {
      return OptionalLong.empty();
    }
    String value = header.get().trim();
    if (value.length() <= MAX_LAST_EVENT_ID_LENGTH && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return OptionalLong.of(Long.parseLong(value));
      } catch (NumberFormatException tooLarge) {
        // falls through to the 400 below
      }
    }
    throw new ApiException(StatusCodes.BAD_REQUEST, "invalid-last-event-id", "Invalid Last-Event-ID",
        "Last-Event-ID must be the id of an event of this stream (a sequence number)");
  }
}
