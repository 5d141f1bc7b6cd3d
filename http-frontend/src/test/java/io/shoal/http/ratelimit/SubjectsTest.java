package io.shoal.http.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;

class SubjectsTest {

  private static HttpRequest request(String path, String authorization) {
    return HttpRequest.create(path).addHeader(RawHeader.create("Authorization", authorization));
  }

  @Test
  void callersWithATokenAreChargedPerTokenButLoginAttemptsPerAddress() {
    String pens = Subjects.of(request("/api/v1/pens", "Bearer one"), false);
    assertThat(pens).startsWith("auth:").isNotEqualTo(Subjects.of(request("/api/v1/pens", "Bearer two"), false));
    // Made-up headers must not buy a fresh bucket per password guess.
    assertThat(Subjects.of(request("/api/v1/auth/token", "Bearer r1"), false))
        .startsWith("addr:")
        .isEqualTo(Subjects.of(request("/api/v1/auth/token", "Bearer r2"), false));
  }
}
