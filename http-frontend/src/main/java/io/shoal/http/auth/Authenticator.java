package io.shoal.http.auth;

/** Turns a bearer token into the caller it names, or refuses it. Thread-safe; never blocks. */
@FunctionalInterface
public interface Authenticator {

  /**
   * @param bearerToken the token from {@code Authorization: Bearer <token>}
   * @throws AuthenticationException when the token is missing its parts, badly signed, expired, not yet valid, for
   *                                 another audience or issuer, or uses an algorithm that is not configured
   */
  Principal authenticate(String bearerToken) throws AuthenticationException;
}
