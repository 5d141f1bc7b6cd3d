package io.shoal.http.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Bucket4j token bucket per subject, in a table bounded by {@code max-subjects}: the least recently used
 * subject is evicted first. Evicting is safe for the limit's purpose because an evicted subject comes back with a
 * full bucket, which is what a subject idle for one refill period has anyway; a caller that cycles through more
 * than {@code max-subjects} keys to reset its own bucket needs that many valid tokens (or addresses) to do it.
 *
 * <p>The table is a synchronized access-ordered {@link LinkedHashMap}: the critical section is a hash lookup and a
 * link update, far below a request's cost, and it keeps the bound exact without a cache library. Bucket4j's own
 * bucket is lock-free, so consuming happens outside the table's lock.
 */
public final class SubjectBuckets {

  private final RateLimitSettings settings;
  private final Map<String, Bucket> buckets;

  public SubjectBuckets(RateLimitSettings settings) {
    this.settings = settings;
    int max = settings.maxSubjects();
    this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > max;
      }
    };
  }

  /** Takes one token from {@code subject}'s bucket; the probe says whether it was there and when more come. */
  public ConsumptionProbe tryConsume(String subject) {
    return bucket(subject).tryConsumeAndReturnRemaining(1);
  }

  /** How many subjects the table holds now (at most {@code max-subjects}). */
  public synchronized int size() {
    return buckets.size();
  }

  public long capacity() {
    return settings.capacity();
  }

  private synchronized Bucket bucket(String subject) {
    return buckets.computeIfAbsent(subject, s -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(settings.capacity())
            .refillGreedy(settings.refillTokens(), settings.refillPeriod()).build())
        .build());
  }
}
