package io.shoal.observability.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MdcScopeTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void a_scope_sets_its_keys_and_closing_it_restores_what_was_there() {
    MDC.put(LogKeys.PEN_ID, "outer-pen");
    try (var outer = MdcScope.of(LogKeys.REQUEST_ID, "r-1")) {
      try (var inner = MdcScope.of(LogKeys.PEN_ID, "pen-2", LogKeys.FRAME_ID, "f-3")) {
        assertThat(MDC.get(LogKeys.REQUEST_ID)).isEqualTo("r-1");
        assertThat(MDC.get(LogKeys.PEN_ID)).isEqualTo("pen-2");
        assertThat(MDC.get(LogKeys.FRAME_ID)).isEqualTo("f-3");
      }
      assertThat(MDC.get(LogKeys.PEN_ID)).isEqualTo("outer-pen");
      assertThat(MDC.get(LogKeys.FRAME_ID)).isNull();
      assertThat(MDC.get(LogKeys.REQUEST_ID)).isEqualTo("r-1");
    }
    assertThat(MDC.get(LogKeys.REQUEST_ID)).isNull();
    assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys(LogKeys.PEN_ID);
  }

  @Test
  void a_null_value_leaves_its_key_alone() {
    MDC.put(LogKeys.FRAME_ID, "kept");
    try (var scope = MdcScope.of(LogKeys.PEN_ID, "pen-1", LogKeys.FRAME_ID, null)) {
      assertThat(MDC.get(LogKeys.FRAME_ID)).isEqualTo("kept");
    }
    assertThat(MDC.get(LogKeys.FRAME_ID)).isEqualTo("kept");
    assertThat(MDC.get(LogKeys.PEN_ID)).isNull();
  }

  @Test
  void closing_twice_restores_once() {
    MdcScope scope = MdcScope.of(LogKeys.PEN_ID, "pen-1");
    scope.close();
    MDC.put(LogKeys.PEN_ID, "set-later");
    scope.close();
    assertThat(MDC.get(LogKeys.PEN_ID)).isEqualTo("set-later");
  }

  @Test
  void keys_and_values_come_in_pairs() {
    assertThatThrownBy(() -> MdcScope.of(LogKeys.PEN_ID)).isInstanceOf(IllegalArgumentException.class);
  }
}
