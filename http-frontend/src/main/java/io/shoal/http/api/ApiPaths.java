package io.shoal.http.api;

/** Where the API lives: every resource is below {@value #PREFIX}. */
public final class ApiPaths {

  public static final String PREFIX = "/api/v1";

  private ApiPaths() {}
}
