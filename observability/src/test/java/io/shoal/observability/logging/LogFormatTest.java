package io.shoal.observability.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogFormatTest {

  private String before;

  @BeforeEach
  void saveProperty() {
    before = System.clearProperty(LogFormat.PROPERTY);
  }

  @AfterEach
  void restoreProperty() {
    if (before == null) {
      System.clearProperty(LogFormat.PROPERTY);
    } else {
      System.setProperty(LogFormat.PROPERTY, before);
    }
  }

  @Test
  void the_command_default_applies_when_nothing_is_set_and_is_handed_to_logback() {
    assertThat(LogFormat.choose(LogFormat.JSON, Map.of())).isEqualTo(LogFormat.JSON);
    assertThat(System.getProperty(LogFormat.PROPERTY)).isEqualTo("json");
  }

  @Test
  void the_environment_wins_over_the_property_and_the_default() {
    System.setProperty(LogFormat.PROPERTY, "json");
    assertThat(LogFormat.choose(LogFormat.JSON, Map.of(LogFormat.ENV, " TEXT "))).isEqualTo(LogFormat.TEXT);
    assertThat(System.getProperty(LogFormat.PROPERTY)).isEqualTo("text");
  }

  @Test
  void the_property_wins_over_the_default() {
    System.setProperty(LogFormat.PROPERTY, "text");
    assertThat(LogFormat.choose(LogFormat.JSON, Map.of(LogFormat.ENV, ""))).isEqualTo(LogFormat.TEXT);
  }

  @Test
  void anything_but_json_or_text_is_refused_with_its_source() {
    assertThatThrownBy(() -> LogFormat.choose(LogFormat.TEXT, Map.of(LogFormat.ENV, "yaml")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SHOAL_LOG_FORMAT must be json or text, not 'yaml'");
  }
}
