package io.shoal.http.auth;

import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Lets a request through to {@code inner} only for a caller whose bearer token is valid (else 401 with
 * {@code WWW-Authenticate: Bearer}) and who has one of {@code allowed} (else 403); both as problem+json. Routes
 * state their roles through it, so the role matrix lives beside each route.
 */
@FunctionalInterface
public interface Guard {

  Route allow(Set<Role> allowed, Function<Principal, Route> inner);
}
