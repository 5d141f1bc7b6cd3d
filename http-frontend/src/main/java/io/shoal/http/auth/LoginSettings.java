package io.shoal.http.auth;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;

/**
 * Password login settings under {@code shoal.http.auth.login} and {@code .bootstrap-admin}.
 *
 * @param bcryptCost    work factor of hashes this node writes
 * @param maxInFlight   logins checked at once; beyond it the route answers 503 at once
 * @param adminUser     the account {@link AdminBootstrap} creates, empty for none
 * @param adminPassword its password, empty for none; never printed
 */
public record LoginSettings(
    boolean enabled,
    int bcryptCost,
    long maxBodyBytes,
    Duration bodyTimeout,
    int maxInFlight,
    String adminUser,
    String adminPassword) {

  /** Where the blocking work (JDBC, bcrypt) runs: a dispatcher defined in this module's reference.conf. */
  public static final String BLOCKING_DISPATCHER = JwtSettings.CONFIG_PATH + ".blocking-dispatcher";

  /** Below 10 a stolen hash is cheap to guess; above 16 one login takes seconds. 4 is bcrypt's floor, for tests. */
  public static final int MIN_COST = 4;
  public static final int MAX_COST = 16;

  public LoginSettings {
    Objects.requireNonNull(bodyTimeout, "bodyTimeout");
    Objects.requireNonNull(adminUser, "adminUser");
    Objects.requireNonNull(adminPassword, "adminPassword");
    if (bcryptCost < MIN_COST || bcryptCost > MAX_COST) {
      throw new IllegalArgumentException(
          "shoal.http.auth.login.bcrypt-cost must be " + MIN_COST + ".." + MAX_COST + ", was " + bcryptCost);
    }
    if (maxBodyBytes < 64) {
      throw new IllegalArgumentException("shoal.http.auth.login.max-body-bytes must be >= 64, was " + maxBodyBytes);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("shoal.http.auth.login.max-in-flight must be >= 1, was " + maxInFlight);
    }
  }

  public static LoginSettings fromConfig(Config root) {
    Config auth = root.getConfig(JwtSettings.CONFIG_PATH);
    Config login = auth.getConfig("login");
    Config admin = auth.getConfig("bootstrap-admin");
    return new LoginSettings(
        login.getBoolean("enabled"),
        login.getInt("bcrypt-cost"),
        login.getBytes("max-body-bytes"),
        login.getDuration("body-timeout"),
        login.getInt("max-in-flight"),
        admin.getString("username").trim(),
        admin.getString("password"));
  }

  /** The same settings with another bootstrap admin (tests, and callers that take it from elsewhere). */
  public LoginSettings withAdmin(String user, String password) {
    return new LoginSettings(enabled, bcryptCost, maxBodyBytes, bodyTimeout, maxInFlight, user, password);
  }

  /** Never prints the admin password. */
  @Override
  public String toString() {
    return "LoginSettings[enabled=" + enabled + ", bcryptCost=" + bcryptCost + ", maxBodyBytes=" + maxBodyBytes
        + ", bodyTimeout=" + bodyTimeout + ", maxInFlight=" + maxInFlight
        + ", adminUser=" + (adminUser.isEmpty() ? "-" : adminUser)
        + ", adminPassword=" + (adminPassword.isEmpty() ? "-" : "***") + "]";
  }
}
