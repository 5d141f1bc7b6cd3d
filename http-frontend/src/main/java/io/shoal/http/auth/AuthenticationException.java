package io.shoal.http.auth;

/** A token was refused; the message is safe to show the caller (it never contains the token). */
public final class AuthenticationException extends Exception {

  public AuthenticationException(String message) {
    super(message);
  }

  public AuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
