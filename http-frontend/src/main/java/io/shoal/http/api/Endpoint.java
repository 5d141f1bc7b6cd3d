package io.shoal.http.api;

import java.util.Locale;

/**
 * One operation the API serves, as the OpenAPI document names it: an HTTP method and a path template below the
 * server root (e.g. {@code GET /api/v1/pens/{penId}}). Each route class lists the endpoints it serves, so a test
 * can hold them against the document in both directions.
 */
public record Endpoint(String method, String path) {

  public Endpoint {
    method = method.toUpperCase(Locale.ROOT);
  }

  static Endpoint get(String path) {
    return new Endpoint("GET", ApiPaths.PREFIX + path);
  }

  static Endpoint post(String path) {
    return new Endpoint("POST", ApiPaths.PREFIX + path);
  }

  static Endpoint put(String path) {
    return new Endpoint("PUT", ApiPaths.PREFIX + path);
  }
}
