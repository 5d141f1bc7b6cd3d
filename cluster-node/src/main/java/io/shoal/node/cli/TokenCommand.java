package io.shoal.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.shoal.http.auth.IssuedToken;
import io.shoal.http.auth.JwtSettings;
import io.shoal.http.auth.Role;
import io.shoal.http.auth.TokenIssuer;
import io.shoal.node.boot.NodeConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code shoal token}: mints an HS256 bearer token with the configured secret (SHOAL_JWT_SECRET) and prints it alone
 * on stdout, so {@code TOKEN=$(./shoal token --role viewer)} works. Without SHOAL_JWT_SECRET it signs with
 * {@code shoal.http.auth.dev-secret}, the public secret {@code ./shoal demo} uses, and says so on stderr: such a
 * token is accepted by the demo only, since {@code ./shoal node} never applies the dev secret.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Mint a bearer token for the API (the demo's dev secret unless SHOAL_JWT_SECRET is set).")
public final class TokenCommand implements Callable<Integer> {

  private final Supplier<Config> config;

  public TokenCommand() {
    this(() -> NodeConfig.load(ConfigFactory.empty()));
  }

  /** {@code config} instead of the node's usual one (application.conf, system properties, environment): tests. */
  public TokenCommand(Supplier<Config> config) {
    this.config = config;
  }

  @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE", converter = RoleConverter.class,
      description = "Role(s) the token grants: viewer, operator, admin, camera (repeat or comma-separate).")
  List<Role> roles;

  @Option(names = "--subject", defaultValue = "shoal-cli",
      description = "The token's subject (sub): who the API will see as the caller (default: ${DEFAULT-VALUE}).")
  String subject;

  @Option(names = "--ttl", converter = SimulateCommand.HoconDuration.class,
      description = "How long the token is valid, e.g. 1h or 30m (default: shoal.http.auth.token-ttl).")
  Duration ttl;

  @Override
  public Integer call() {
    JwtSettings settings;
    try {
      settings = JwtSettings.fromConfig(config.get()).withDevSecretIfUnset();
    } catch (IllegalArgumentException | ConfigException e) {
      // A too-short secret or a bad duration: the message says which setting, never the secret itself.
      System.err.println(e.getMessage());
      return 2;
    }
    if (!settings.hs256Enabled()) {
      System.err.println("No HS256 secret: set SHOAL_JWT_SECRET (at least 32 bytes).");
      return 2;
    }
    if (subject.isBlank()) {
      System.err.println("--subject must not be blank.");
      return 2;
    }
    if (settings.usesDevSecret()) {
      System.err.println("SHOAL_JWT_SECRET is unset: signed with the demo's public dev secret. `./shoal demo` "
          + "accepts this token; a node with a real secret does not.");
    }
    IssuedToken token = new TokenIssuer(settings)
        .issue(subject, EnumSet.copyOf(roles), ttl == null ? settings.tokenTtl() : ttl);
    System.err.printf("subject %s, roles %s, expires %s%n", subject,
        token.roles().stream().map(Role::claim).sorted().collect(Collectors.joining(",")), token.expiresAt());
    System.out.println(token.token());
    return 0;
  }

  /** {@code viewer}, {@code OPERATOR}, ...: the claim names, any case. */
  static final class RoleConverter implements ITypeConverter<Role> {
    @Override
    public Role convert(String value) {
      return Role.fromClaim(value.trim().toLowerCase(Locale.ROOT))
          .orElseThrow(() -> new TypeConversionException("unknown role '" + value + "'; one of "
              + Arrays.stream(Role.values()).map(Role::claim).collect(Collectors.joining(", "))));
    }
  }
}
