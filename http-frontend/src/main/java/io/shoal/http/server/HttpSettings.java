package io.shoal.http.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The {@code shoal.http} block: where the API listens and the bounds every request is held to.
 *
 * @param maxRequestBytes     server-wide bound on any request body (413 above it)
 * @param maxFrameUploadBytes bound on an uploaded frame's image (routes apply it with {@code withSizeLimit})
 * @param json                bounds on JSON bodies
 * @param cors                browser origins allowed to call the API; none means no CORS headers
 * @param unbindDeadline      how long open requests get to finish after the port is unbound at shutdown
 */
public record HttpSettings(String iface, int port, Duration requestTimeout, long maxRequestBytes,
    long maxFrameUploadBytes, JsonLimits json, CorsSettings cors, boolean accessLog, Duration unbindDeadline,
    int maxConnections) {

  public static final String CONFIG_PATH = "shoal.http";
  /** Past this a typo ("64 MiB" meant as KiB) would let one request pin most of a node's heap. */
  public static final long MAX_REQUEST_BYTES_CAP = 64L * 1024 * 1024;

  public HttpSettings {
    Objects.requireNonNull(iface, "interface");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(CONFIG_PATH + ".port must be in [0, 65535]: " + port);
    }
    requirePositive("request-timeout", requestTimeout);
    if (maxRequestBytes <= 0 || maxRequestBytes > MAX_REQUEST_BYTES_CAP) {
      throw new IllegalArgumentException(
          CONFIG_PATH + ".max-request-bytes must be in (0, " + MAX_REQUEST_BYTES_CAP + "]: " + maxRequestBytes);
    }
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(cors, "cors");
    if (maxFrameUploadBytes <= 0 || maxFrameUploadBytes > maxRequestBytes) {
      throw new IllegalArgumentException(CONFIG_PATH + ".max-frame-upload-bytes must be in (0, max-request-bytes]: "
          + maxFrameUploadBytes);
    }
    if (json.maxBytes() > maxRequestBytes) {
      throw new IllegalArgumentException(CONFIG_PATH + ".json.max-bytes must not exceed max-request-bytes: "
          + json.maxBytes());
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException(CONFIG_PATH + ".max-connections must be positive: " + maxConnections);
    }
    if (unbindDeadline.isNegative()) {
      throw new IllegalArgumentException(CONFIG_PATH + ".unbind-deadline must not be negative: " + unbindDeadline);
    }
  }

  /**
   * @param maxBytes        bodies above this are refused with 413 before parsing
   * @param maxNestingDepth deeper documents are refused with 400 while parsing
   */
  public record JsonLimits(long maxBytes, int maxNestingDepth) {
    public JsonLimits {
      if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(CONFIG_PATH + ".json.max-bytes must be in (0, 2 GiB): " + maxBytes);
      }
      if (maxNestingDepth < 1) {
        throw new IllegalArgumentException(CONFIG_PATH + ".json.max-nesting-depth must be positive: "
            + maxNestingDepth);
      }
    }
  }

  /** @param allowedOrigins exact origins ({@code scheme://host[:port]}) allowed to call the API from a browser */
  public record CorsSettings(List<String> allowedOrigins, Duration maxAge) {
    public CorsSettings {
      allowedOrigins = List.copyOf(allowedOrigins);
      if (allowedOrigins.contains("*")) {
        // A wildcard with bearer tokens invites any page to script the API with a token it got hold of.
        throw new IllegalArgumentException(CONFIG_PATH + ".cors.allowed-origins lists origins, not '*'");
      }
      Objects.requireNonNull(maxAge, "maxAge");
    }

    public boolean enabled() {
      return !allowedOrigins.isEmpty();
    }
  }

  public static HttpSettings fromConfig(Config root) {
    Config c = root.getConfig(CONFIG_PATH);
    Config json = c.getConfig("json");
    Config cors = c.getConfig("cors");
    return new HttpSettings(c.getString("interface"), c.getInt("port"), c.getDuration("request-timeout"),
        c.getBytes("max-request-bytes"), c.getBytes("max-frame-upload-bytes"),
        new JsonLimits(json.getBytes("max-bytes"), json.getInt("max-nesting-depth")),
        new CorsSettings(origins(cors), cors.getDuration("max-age")),
        c.getBoolean("access-log"), c.getDuration("unbind-deadline"), maxConnections(c));
  }

  /** Every SSE stream holds a connection: the bound must leave room for the API's callers beside a full node. */
  private static int maxConnections(Config http) {
    int maxConnections = http.getInt("max-connections");
    int maxSubscribers = http.getInt("sse.max-subscribers");
    if (maxConnections <= maxSubscribers) {
      throw new IllegalArgumentException(CONFIG_PATH + ".max-connections (" + maxConnections
          + ") must exceed " + CONFIG_PATH + ".sse.max-subscribers (" + maxSubscribers + ")");
    }
    return maxConnections;
  }

  /** These settings on another interface and port (tests bind 127.0.0.1:0). */
  public HttpSettings withAddress(String newInterface, int newPort) {
    return new HttpSettings(newInterface, newPort, requestTimeout, maxRequestBytes, maxFrameUploadBytes, json, cors,
        accessLog, unbindDeadline, maxConnections);
  }

  /** A HOCON list, or the comma-separated string an environment variable gives. */
  private static List<String> origins(Config cors) {
    String key = "allowed-origins";
    if (cors.getValue(key).valueType() == ConfigValueType.STRING) {
      return Arrays.stream(cors.getString(key).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
    return cors.getStringList(key).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static void requirePositive(String key, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(CONFIG_PATH + "." + key + " must be positive: " + d);
    }
  }
}
