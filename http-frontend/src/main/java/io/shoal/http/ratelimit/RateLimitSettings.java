package io.shoal.http.ratelimit;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/**
 * The {@code shoal.http.rate-limit} block: each subject's token bucket and the bound on how many are kept.
 *
 * @param capacity           the burst a subject may make from a full bucket
 * @param refillTokens       tokens added per {@code refillPeriod}, spread evenly over it
 * @param maxSubjects        buckets kept at most; the least recently used is dropped beyond it
 * @param exemptPathPrefixes requests under these paths are never limited (probes, scrapes)
 * @param trustForwardedFor  key anonymous callers on X-Forwarded-For / X-Real-IP (only behind a trusted proxy)
 */
public record RateLimitSettings(boolean enabled, long capacity, long refillTokens, Duration refillPeriod,
    int maxSubjects, List<String> exemptPathPrefixes, boolean trustForwardedFor) {

  public static final String CONFIG_PATH = "shoal.http.rate-limit";
  /** A million buckets is ~200 MB: beyond that the table itself becomes the attack surface. */
  public static final int MAX_SUBJECTS_CAP = 1_000_000;

  public RateLimitSettings {
    if (capacity < 1 || refillTokens < 1) {
      throw new IllegalArgumentException(CONFIG_PATH + ".capacity and refill-tokens must be positive");
    }
    if (refillPeriod.isZero() || refillPeriod.isNegative()) {
      throw new IllegalArgumentException(CONFIG_PATH + ".refill-period must be positive: " + refillPeriod);
    }
    if (maxSubjects < 1 || maxSubjects > MAX_SUBJECTS_CAP) {
      throw new IllegalArgumentException(
          CONFIG_PATH + ".max-subjects must be in [1, " + MAX_SUBJECTS_CAP + "]: " + maxSubjects);
    }
    exemptPathPrefixes = List.copyOf(exemptPathPrefixes);
    for (String prefix : exemptPathPrefixes) {
      if (!prefix.startsWith("/")) {
        throw new IllegalArgumentException(CONFIG_PATH + ".exempt-path-prefixes are paths starting with '/': "
            + prefix);
      }
    }
  }

  public static RateLimitSettings fromConfig(Config root) {
    Config c = root.getConfig(CONFIG_PATH);
    return new RateLimitSettings(c.getBoolean("enabled"), c.getLong("capacity"), c.getLong("refill-tokens"),
        c.getDuration("refill-period"), c.getInt("max-subjects"), c.getStringList("exempt-path-prefixes"),
        c.getBoolean("trust-forwarded-for"));
  }

  /** These settings with other exempt path prefixes (the server is given them with its routes). */
  public RateLimitSettings withExemptPathPrefixes(List<String> prefixes) {
    return new RateLimitSettings(enabled, capacity, refillTokens, refillPeriod, maxSubjects, prefixes,
        trustForwardedFor);
  }

  public boolean isExempt(String path) {
    return exemptPathPrefixes.stream().anyMatch(path::startsWith);
  }
}
