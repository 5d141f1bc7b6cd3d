package io.shoal.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The API's JSON conventions: camelCase records, ISO-8601 times, limits enforced by the parser itself. */
class JsonTest {

  record Assessment(String penId, Instant assessedAt, double liceShare) {
  }

  private final Json json = new Json(new HttpSettings.JsonLimits(1024, 4));

  @Test
  void records_are_camel_case_with_iso_8601_times_and_read_back() throws Exception {
    Assessment a = new Assessment("pen-1", Instant.parse("2026-11-26T10:15:30Z"), 0.25);
    String text = json.mapper().writeValueAsString(a);
    assertThat(text).isEqualTo("{\"penId\":\"pen-1\",\"assessedAt\":\"2026-11-26T10:15:30Z\",\"liceShare\":0.25}");
    assertThat(json.mapper().readValue(text, Assessment.class)).isEqualTo(a);
  }

  @Test
  void unknown_properties_and_deep_documents_are_refused() {
    assertThatThrownBy(() -> json.mapper().readValue("{\"penId\":\"p\",\"liceShar\":1}", Assessment.class))
        .isInstanceOf(UnrecognizedPropertyException.class);
    assertThatThrownBy(() -> json.mapper().readTree("[[[[[1]]]]]")).isInstanceOf(StreamConstraintsException.class);
  }
}
