package io.shoal.http.ratelimit;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * Which bucket an unverified request is charged to, decided before the Guard verifies anything (so a JWT is not
 * verified twice): a hash of its {@code Authorization} header when it has one, else the client's address.
 *
 * <p>These keys are buckets, not identities. A caller rotating made-up tokens gets a fresh bucket per token, but
 * every one of those requests is refused by the Guard (401) after a cheap signature check, and reaches nothing
 * behind it; to get real work done past the limit it needs many valid tokens. The header is hashed (SHA-256,
 * truncated) so the table never holds bearer tokens. Routes that know the verified {@code sub} can charge it
 * instead through {@link RateLimiter#limit(String, java.util.function.Supplier)}.
 */
public final class Subjects {

  /** 16 bytes of SHA-256: collisions between honest tokens are negligible, and the key stays small. */
  private static final int HASH_BYTES = 16;
  private static final String UNKNOWN_ADDRESS = "unknown";

  private Subjects() {
  }

  /**
   * The login path: its callers have no token yet, so whatever Authorization header they send (a fresh made-up one
   * per attempt would otherwise buy a fresh bucket per password guess) they are charged to their address.
   */
  static final String LOGIN_PATH_SUFFIX = "/auth/token";

  public static String of(HttpRequest request, boolean trustForwardedFor) {
    if (request.getUri().path().endsWith(LOGIN_PATH_SUFFIX)) {
      return "addr:" + address(request, trustForwardedFor);
    }
    return request.getHeader("Authorization").map(HttpHeader::value).filter(v -> !v.isBlank())
        .map(v -> "auth:" + hash(v))
        .orElseGet(() -> "addr:" + address(request, trustForwardedFor));
  }

  /**
   * The peer address of the connection (needs {@code pekko.http.server.remote-address-attribute = on}, which
   * ApiServer sets); the forwarding headers only when the deployment says a trusted proxy writes them.
   */
  static String address(HttpRequest request, boolean trustForwardedFor) {
    if (trustForwardedFor) {
      Optional<String> forwarded = request.getHeader("X-Forwarded-For")
          .map(h -> h.value().split(",")[0].strip())
          .or(() -> request.getHeader("X-Real-IP").map(h -> h.value().strip()))
          .filter(v -> !v.isEmpty());
      if (forwarded.isPresent()) {
        return forwarded.get();
      }
    }
    return request.getAttribute(AttributeKeys.remoteAddress)
        .flatMap(a -> a.getAddress().map(InetAddress::getHostAddress))
        .orElse(UNKNOWN_ADDRESS);
  }

  static String hash(String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, HASH_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
