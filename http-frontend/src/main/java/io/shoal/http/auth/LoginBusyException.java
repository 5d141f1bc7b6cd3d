package io.shoal.http.auth;

/** Too many logins are being checked at once on this node; the caller should retry shortly (503). */
public final class LoginBusyException extends RuntimeException {

  public LoginBusyException(int maxInFlight) {
    super("more than " + maxInFlight + " logins in progress");
  }
}
