package io.shoal.http.api;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /openapi.json}: the OpenAPI 3 document of the whole API, shipped as a resource of this module. */
public final class OpenApiRoute {

  /** Classpath resource holding the document. */
  public static final String RESOURCE = "openapi.json";

  private final byte[] document;

  public OpenApiRoute() {
    this.document = load();
  }

  /** What {@link #route()} serves. */
  public static List<Endpoint> endpoints() {
    return List.of(Endpoint.get("/openapi.json"));
  }

  /** Routes below {@code /api/v1}; no authentication (the document describes, it does not reveal). */
  public Route route() {
    return path("openapi.json", () -> get(() ->
        complete(StatusCodes.OK, HttpEntities.create(ContentTypes.APPLICATION_JSON, document))));
  }

  /** The document's bytes (tests). */
  public static byte[] load() {
    try (InputStream in = OpenApiRoute.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
