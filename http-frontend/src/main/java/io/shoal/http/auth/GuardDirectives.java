package io.shoal.http.auth;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The {@link Guard} of the API, as pekko-http directives: reads {@code Authorization: Bearer <token>}, lets the
 * {@link Authenticator} judge it (401 problem+json with {@code WWW-Authenticate: Bearer} when missing or refused),
 * then checks the roles (403 problem+json). Authentication is CPU only, so it runs inline on the request's thread.
 */
public final class GuardDirectives implements Guard {

  private static final String AUTHORIZATION = "Authorization";
  private static final String BEARER = "bearer";

  private final Authenticator authenticator;

  public GuardDirectives(Authenticator authenticator) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
  }

  /** The guard of a running API: {@link JwtAuthenticator} over these settings. */
  public static GuardDirectives fromSettings(JwtSettings settings) {
    return new GuardDirectives(JwtAuthenticator.fromSettings(settings));
  }

  @Override
  public Route allow(Set<Role> allowed, Function<Principal, Route> inner) {
    Set<Role> roles = Set.copyOf(allowed);
    Objects.requireNonNull(inner, "inner");
    String needed = needed(roles);
    return optionalHeaderValueByName(AUTHORIZATION, header -> {
      Principal principal;
      boolean presented = false;
      try {
        String token = bearerToken(header);
        presented = true;
        principal = authenticator.authenticate(token);
      } catch (AuthenticationException e) {
        // RFC 6750 §3.1: error="invalid_token" only when a token was presented; without one, a bare challenge.
        return complete(AuthProblems.unauthorized(e.getMessage(), presented));
      }
      if (!principal.hasAnyOf(roles)) {
        return complete(AuthProblems.forbidden("this needs one of the roles " + needed + "; the token grants "
            + claims(principal.roles())));
      }
      return inner.apply(principal);
    });
  }

  /** The token of a {@code Bearer} credential (scheme case-insensitive, RFC 7235 §2.1). */
  private static String bearerToken(Optional<String> header) throws AuthenticationException {
    if (header.isEmpty() || header.get().isBlank()) {
      throw new AuthenticationException("missing bearer token (Authorization: Bearer <token>)");
    }
    String value = header.get().trim();
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    if (!scheme.toLowerCase(Locale.ROOT).equals(BEARER)) {
      throw new AuthenticationException("only Bearer credentials are accepted");
    }
    String token = space < 0 ? "" : value.substring(space + 1).trim();
    if (token.isEmpty()) {
      throw new AuthenticationException("missing bearer token (Authorization: Bearer <token>)");
    }
    return token;
  }

  /** Admin may do everything (see {@link Principal#hasAnyOf}), so it is always among the roles that would do. */
  private static String needed(Set<Role> allowed) {
    Set<String> names = new TreeSet<>(claimSet(allowed));
    names.add(Role.ADMIN.claim());
    return String.join(", ", names);
  }

  private static String claims(Set<Role> roles) {
    return String.join(", ", new TreeSet<>(claimSet(roles)));
  }

  private static Set<String> claimSet(Set<Role> roles) {
    Set<String> names = new TreeSet<>();
    roles.forEach(role -> names.add(role.claim()));
    return names;
  }
}
