package io.shoal.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.observability.logging.LogFormat;
import org.junit.jupiter.api.Test;

/** Which log format a command line gets when SHOAL_LOG_FORMAT is not set. */
class LogFormatDefaultTest {

  @Test
  void a_node_logs_json() {
    assertThat(ShoalCommand.defaultLogFormat(new String[] {"node"})).isEqualTo(LogFormat.JSON);
    assertThat(ShoalCommand.defaultLogFormat(new String[] {"node", "--help"})).isEqualTo(LogFormat.JSON);
  }

  @Test
  void the_interactive_commands_and_the_bare_launcher_log_text() {
    assertThat(ShoalCommand.defaultLogFormat(new String[] {"demo", "--duration", "30s"})).isEqualTo(LogFormat.TEXT);
    assertThat(ShoalCommand.defaultLogFormat(new String[] {"simulate"})).isEqualTo(LogFormat.TEXT);
    assertThat(ShoalCommand.defaultLogFormat(new String[] {"--version"})).isEqualTo(LogFormat.TEXT);
    assertThat(ShoalCommand.defaultLogFormat(new String[0])).isEqualTo(LogFormat.TEXT);
    // "node" as an option's value of another command is not the node command.
    assertThat(ShoalCommand.defaultLogFormat(new String[] {"token", "--subject", "node"})).isEqualTo(LogFormat.TEXT);
  }
}
