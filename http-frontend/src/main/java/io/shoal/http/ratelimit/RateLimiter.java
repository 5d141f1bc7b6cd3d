package io.shoal.http.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.shoal.http.server.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;

/**
 * Per-subject rate limiting as directives. Every limited response carries {@code X-RateLimit-Limit} (the bucket's
 * capacity), {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (seconds until the bucket is full again);
 * a refused one is {@code 429} problem+json with {@code Retry-After} (seconds until the next token).
 */
public final class RateLimiter {

  public static final String LIMIT = "X-RateLimit-Limit";
  public static final String REMAINING = "X-RateLimit-Remaining";
  public static final String RESET = "X-RateLimit-Reset";
  public static final String RETRY_AFTER = "Retry-After";

  private final RateLimitSettings settings;
  private final SubjectBuckets buckets;

  public RateLimiter(RateLimitSettings settings) {
    this.settings = settings;
    this.buckets = new SubjectBuckets(settings);
  }

  /**
   * Charges the request to its {@link Subjects unverified subject}, unless its path is exempt or limiting is off.
   */
  public Route limitRequest(Supplier<Route> inner) {
    if (!settings.enabled()) {
      return inner.get();
    }
    return extractRequest(request -> settings.isExempt(request.getUri().path())
        ? inner.get()
        : charge(Subjects.of(request, settings.trustForwardedFor()), inner));
  }

  /**
   * Charges one request to {@code subject}'s bucket (e.g. a verified principal's {@code sub}). The token is taken
   * when a request runs through the route, not when the route is built.
   */
  public Route limit(String subject, Supplier<Route> inner) {
    return extractRequest(request -> charge(subject, inner));
  }

  private Route charge(String subject, Supplier<Route> inner) {
    ConsumptionProbe probe = buckets.tryConsume(subject);
    List<HttpHeader> headers = List.of(
        RawHeader.create(LIMIT, Long.toString(settings.capacity())),
        RawHeader.create(REMAINING, Long.toString(probe.getRemainingTokens())),
        RawHeader.create(RESET, Long.toString(ceilSeconds(probe.getNanosToWaitForReset()))));
    if (probe.isConsumed()) {
      return respondWithHeaders(headers, inner);
    }
    long retryAfter = Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
    List<HttpHeader> refused = new ArrayList<>(headers);
    refused.add(RawHeader.create(RETRY_AFTER, Long.toString(retryAfter)));
    return Problems.complete(StatusCodes.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
        "The rate limit of " + settings.capacity() + " requests (refilled at " + settings.refillTokens() + " per "
            + settings.refillPeriod().toSeconds() + " s) is used up; retry after " + retryAfter + " s.",
        refused);
  }

  /** How many subjects hold a bucket now (bounded by {@code max-subjects}). */
  public int subjects() {
    return buckets.size();
  }

  private static long ceilSeconds(long nanos) {
    long perSecond = TimeUnit.SECONDS.toNanos(1);
    return (nanos + perSecond - 1) / perSecond;
  }
}
