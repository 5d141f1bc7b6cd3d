package io.shoal.persistence.users;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code users} table (migration V3) in plain JDBC. Every method blocks on the database: asynchronous callers
 * (the login route) run it on a dedicated dispatcher, never on an actor's or pekko-http's threads.
 */
public final class UserRepository {

  /** Column bounds of migration V3: checked here so that a caller gets a clear message instead of an SQL error. */
  public static final int MAX_USERNAME_LENGTH = 64;
  public static final int MAX_HASH_LENGTH = 72;
  public static final int MAX_ROLE_LENGTH = 32;

  /** PostgreSQL's SQLSTATE for a duplicate key. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  public UserRepository(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** The account named {@code username}, if any. A name longer than the column can hold finds nothing. */
  public Optional<UserAccount> find(String username) {
    if (username == null || username.isEmpty() || username.length() > MAX_USERNAME_LENGTH) {
      return Optional.empty();
    }
    String sql = "SELECT username, password_bcrypt, roles, created_at FROM users WHERE username = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, username);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(new UserAccount(
            row.getString("username"),
            row.getString("password_bcrypt"),
            roles(row.getArray("roles")),
            row.getTimestamp("created_at").toInstant()));
      }
    } catch (SQLException e) {
      throw new UserStoreException("could not read user " + username, e);
    }
  }

  /**
   * Adds an account.
   *
   * @throws UserStoreException when the name is taken (or the database fails)
   */
  public void create(String username, String passwordBcrypt, List<String> roles) {
    validate(username, passwordBcrypt, roles);
    String sql = "INSERT INTO users (username, password_bcrypt, roles) VALUES (?, ?, ?)";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, username);
      statement.setString(2, passwordBcrypt);
      statement.setArray(3, connection.createArrayOf("varchar", roles.toArray()));
      statement.executeUpdate();
    } catch (SQLException e) {
      boolean taken = UNIQUE_VIOLATION.equals(e.getSQLState());
      throw new UserStoreException(
          taken ? "user " + username + " already exists" : "could not create user " + username, e, taken);
    }
  }

  /**
   * Creates the account, or replaces the hash and roles of an existing one (its {@code created_at} stays), in one
   * statement so that two nodes bootstrapping the same admin at once cannot fail each other.
   *
   * @return whether the account was created (false: updated)
   */
  public boolean upsert(String username, String passwordBcrypt, List<String> roles) {
    validate(username, passwordBcrypt, roles);
    // xmax = 0 only for a freshly inserted row: PostgreSQL's way of telling an insert from an update in an upsert.
    String sql = "INSERT INTO users (username, password_bcrypt, roles) VALUES (?, ?, ?) "
        + "ON CONFLICT (username) DO UPDATE SET password_bcrypt = EXCLUDED.password_bcrypt, roles = EXCLUDED.roles "
        + "RETURNING (xmax = 0) AS inserted";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, username);
      statement.setString(2, passwordBcrypt);
      statement.setArray(3, connection.createArrayOf("varchar", roles.toArray()));
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getBoolean("inserted");
      }
    } catch (SQLException e) {
      throw new UserStoreException("could not save user " + username, e);
    }
  }

  private static void validate(String username, String passwordBcrypt, List<String> roles) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordBcrypt, "passwordBcrypt");
    Objects.requireNonNull(roles, "roles");
    if (username.isBlank() || username.length() > MAX_USERNAME_LENGTH) {
      throw new IllegalArgumentException("username must be 1.." + MAX_USERNAME_LENGTH + " characters");
    }
    // Only a hash may be stored: a plain password slipped in by mistake would not start like a bcrypt string.
    if (!passwordBcrypt.startsWith("$2") || passwordBcrypt.length() > MAX_HASH_LENGTH) {
      throw new IllegalArgumentException("passwordBcrypt must be a bcrypt hash ($2a$/$2b$/$2y$...)");
    }
    for (String role : roles) {
      if (role == null || role.isBlank() || role.length() > MAX_ROLE_LENGTH) {
        throw new IllegalArgumentException("roles must be 1.." + MAX_ROLE_LENGTH + " characters each");
      }
    }
  }

  private static List<String> roles(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    try {
      return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    } finally {
      array.free();
    }
  }
}
