package io.shoal.http.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectBucketsTest {

  private static RateLimitSettings settings(int capacity, int maxSubjects) {
    return new RateLimitSettings(true, capacity, capacity, Duration.ofHours(1), maxSubjects, List.of("/health"), false);
  }

  @Test
  void the_least_recently_used_subject_is_evicted_and_comes_back_with_a_full_bucket() {
    SubjectBuckets buckets = new SubjectBuckets(settings(2, 2));
    buckets.tryConsume("a");
    buckets.tryConsume("a");
    assertThat(buckets.tryConsume("a").isConsumed()).isFalse();
    buckets.tryConsume("b");
    buckets.tryConsume("c"); // evicts a, the least recently used
    assertThat(buckets.size()).isEqualTo(2);
    assertThat(buckets.tryConsume("a").isConsumed()).isTrue();
  }

  @Test
  void a_recently_used_subject_survives_eviction() {
    SubjectBuckets buckets = new SubjectBuckets(settings(1, 2));
    buckets.tryConsume("a");
    buckets.tryConsume("b");
    buckets.tryConsume("a"); // refused, but a is now the most recently used
    buckets.tryConsume("c"); // evicts b
    assertThat(buckets.tryConsume("a").isConsumed()).isFalse();
  }

  @Test
  void authorization_headers_are_hashed_not_kept() {
    String key = Subjects.hash("Bearer eyJhbGciOi.secret.token");
    assertThat(key).hasSize(32).doesNotContain("secret");
    assertThat(Subjects.hash("Bearer other")).isNotEqualTo(key);
  }

  @Test
  void settings_refuse_unbounded_or_nonsense_values() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings(1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings(0, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RateLimitSettings.fromConfig(com.typesafe.config.ConfigFactory.load()).isExempt("/api/v1/metrics/performance"))
        .isTrue();
  }
}
