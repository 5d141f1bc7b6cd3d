package io.shoal.http.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.util.ByteString;

import static org.apache.pekko.http.javadsl.server.Directives.entity;

/**
 * JSON bodies in and out: records as camelCase JSON with ISO-8601 times, and a bounded reader that refuses bodies
 * over {@code shoal.http.json.max-bytes} (413) or nested deeper than {@code max-nesting-depth} (400) before any
 * object is built. Both refusals reach the client as problem+json through {@link ProblemRejectionHandler}.
 */
public final class Json {

  private final ObjectMapper mapper;
  private final HttpSettings.JsonLimits limits;

  public Json(HttpSettings.JsonLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.mapper = mapper(limits);
  }

  /**
   * The API's mapper: Java field names (camelCase) as they are, {@code java.time} values as ISO-8601 strings, and
   * the parser's own limits (depth, document length) as a second line behind the entity size limit. Unknown
   * properties stay an error (Jackson's default): a misspelt threshold must be refused, not silently ignored.
   */
  public static ObjectMapper mapper(HttpSettings.JsonLimits limits) {
    StreamReadConstraints constraints = StreamReadConstraints.builder()
        .maxNestingDepth(limits.maxNestingDepth())
        .maxDocumentLength(limits.maxBytes())
        .build();
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints).build();
    return JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .build();
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  /** Renders any record (or other Jackson-serialisable value) as {@code application/json}. */
  public <T> Marshaller<T, RequestEntity> marshaller() {
    return Jackson.marshaller(mapper);
  }

  /**
   * Reads an {@code application/json} body as {@code type} (anything else: 415). The body is read only up to the
   * byte limit, so an oversized one fails the entity stream (413) instead of filling memory; a parse failure
   * surfaces as a {@code MalformedRequestContentRejection} carrying Jackson's exception (400).
   */
  public <T> Unmarshaller<HttpEntity, T> unmarshaller(Class<T> type) {
    Unmarshaller<HttpEntity, HttpEntity> bounded = Unmarshaller.sync(entity -> entity.withSizeLimit(limits.maxBytes()));
    Unmarshaller<HttpEntity, ByteString> bytes = Unmarshaller.forMediaType(MediaTypes.APPLICATION_JSON,
        Unmarshaller.entityToByteString());
    return bounded.flatMap(bytes).thenApply(body -> read(body, type));
  }

  /** A route that reads the body as {@code type} with {@link #unmarshaller} and hands it to {@code inner}. */
  public <T> Route entityAs(Class<T> type, Function<T, Route> inner) {
    return entity(unmarshaller(type), inner);
  }

  private <T> T read(ByteString body, Class<T> type) {
    try {
      return mapper.readValue(body.toArrayUnsafe(), type);
    } catch (IOException e) {
      // Unwrapped by the entity directive into MalformedRequestContentRejection(cause = this Jackson exception).
      throw new JsonBodyException(e);
    }
  }
}
