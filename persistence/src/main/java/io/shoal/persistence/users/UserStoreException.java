package io.shoal.persistence.users;

/** The users table could not be read or written; the message names the user, never a password or hash. */
public final class UserStoreException extends RuntimeException {

  private final boolean alreadyExists;

  public UserStoreException(String message, Throwable cause) {
    this(message, cause, false);
  }

  UserStoreException(String message, Throwable cause, boolean alreadyExists) {
    super(message, cause);
    this.alreadyExists = alreadyExists;
  }

  /** Whether the failure was a {@code create} of a name that is taken (so a caller can answer 409, not 500). */
  public boolean alreadyExists() {
    return alreadyExists;
  }
}
