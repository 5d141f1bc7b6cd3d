package io.shoal.observability.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.StatusPrinter2;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The shipped logback.xml, configured into a fresh logger context for each format, with the console captured: what
 * an operator's terminal or log shipper would receive.
 */
class LogbackFormatsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream realOut;
  private PrintStream realErr;

  @BeforeEach
  void captureConsole() {
    realOut = System.out;
    realErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreConsole() {
    System.setOut(realOut);
    System.setErr(realErr);
    NodeFieldsJsonProvider.forgetNode();
  }

  @Test
  void json_puts_one_parseable_object_per_line_on_stdout_with_the_mdc_and_the_node() throws Exception {
    LoggerContext context = configured("json");
    NodeFieldsJsonProvider.describeNode("shoal@10.0.0.5:7355", List.of("inference", "api", "ingest"));
    Logger log = context.getLogger("io.shoal.test");
    // As Pekko sets them around an actor's lines: the actor's path is kept, the node-wide address is not.
    try (var mdc = MdcScope.of(LogKeys.PEN_ID, "pen-7", LogKeys.FRAME_ID, "frame-42",
        "pekkoSource", "pekko://shoal/system/sharding/Pen/7/pen-7", "pekkoAddress", "pekko://shoal@10.0.0.5:7355")) {
      log.error("frame {} failed:\n\"two lines\"", "frame-42", deepFailure(300));
    }
    log.info("after the scope");
    context.stop();

    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    List<String> lines = lines(out);
    assertThat(lines).hasSize(2);
    JsonNode first = MAPPER.readTree(lines.get(0));
    assertThat(fieldNames(first)).containsExactlyInAnyOrder("@timestamp", "level", "logger", "thread", "message",
        "stack_trace", LogKeys.PEN_ID, LogKeys.FRAME_ID, "pekkoSource", LogKeys.NODE, LogKeys.ROLES);
    assertThat(Instant.parse(first.get("@timestamp").asText())).isBefore(Instant.now().plusSeconds(1));
    assertThat(first.get("level").asText()).isEqualTo("ERROR");
    assertThat(first.get("logger").asText()).isEqualTo("io.shoal.test");
    assertThat(first.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(first.get("message").asText()).isEqualTo("frame frame-42 failed:\n\"two lines\"");
    assertThat(first.get(LogKeys.PEN_ID).asText()).isEqualTo("pen-7");
    assertThat(first.get(LogKeys.FRAME_ID).asText()).isEqualTo("frame-42");
    assertThat(first.get(LogKeys.NODE).asText()).isEqualTo("shoal@10.0.0.5:7355");
    assertThat(MAPPER.convertValue(first.get(LogKeys.ROLES), List.class)).containsExactly("api", "inference", "ingest");
    String trace = first.get("stack_trace").asText();
    // Root cause first, and a 300-frame recursion cut to the configured bound.
    assertThat(trace).startsWith("java.lang.IllegalStateException: root cause").contains("Wrapped by:");
    assertThat(trace.length()).isLessThanOrEqualTo(8192);

    JsonNode second = MAPPER.readTree(lines.get(1));
    assertThat(second.get("message").asText()).isEqualTo("after the scope");
    assertThat(fieldNames(second)).doesNotContain(LogKeys.PEN_ID, LogKeys.FRAME_ID, "stack_trace");
  }

  @Test
  void text_puts_readable_lines_on_stderr_and_nothing_on_stdout() {
    LoggerContext context = configured("text");
    NodeFieldsJsonProvider.describeNode("shoal@10.0.0.5:7355", List.of("api"));
    Logger log = context.getLogger("io.shoal.test");
    try (var mdc = MdcScope.of(LogKeys.PEN_ID, "pen-7")) {
      log.info("pen {} is OK", "pen-7");
    }
    context.stop();

    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(lines(err)).singleElement().asString()
        .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  io\\.shoal\\.test - pen pen-7 is OK");
  }

  @Test
  void queued_lines_are_written_when_logging_stops() {
    LoggerContext context = configured("json");
    Logger log = context.getLogger("io.shoal.test");
    int events = 2_000;
    for (int i = 0; i < events; i++) {
      log.warn("event {}", i);
    }
    context.stop(); // as Logs.flushAndStop at the end of the process

    assertThat(lines(out)).hasSize(events).last().asString().contains("\"event " + (events - 1) + "\"");
  }

  @Test
  void a_format_in_capitals_is_understood_and_an_unknown_one_logs_text_instead_of_nothing() {
    LoggerContext upper = configured("JSON");
    upper.getLogger("io.shoal.test").warn("upper");
    upper.stop();
    assertThat(lines(out)).singleElement().asString().startsWith("{").contains("\"upper\"");

    LoggerContext unknown = unconfigured("yaml");
    configure(unknown);
    assertThat(unknown.getStatusManager().getCopyOfStatusList()).anySatisfy(status -> {
      assertThat(status.getLevel()).isEqualTo(Status.WARN);
      assertThat(status.getMessage()).contains("yaml").contains("text");
    });
    unknown.getLogger("io.shoal.test").warn("still here");
    unknown.stop();
    assertThat(lines(err)).singleElement().asString().endsWith("WARN  io.shoal.test - still here");
  }

  /** logback.xml as the launcher would have it with {@code -Dshoal.log.format=format}; it must configure cleanly. */
  private static LoggerContext configured(String format) {
    LoggerContext context = unconfigured(format);
    configure(context);
    // A warning or an error would make logback print its own status lines on the console, before any JSON.
    int worst = context.getStatusManager().getCopyOfStatusList().stream().mapToInt(Status::getLevel).max().orElse(0);
    if (worst > Status.INFO) {
      StatusPrinter2 printer = new StatusPrinter2();
      printer.print(context);
      throw new AssertionError("logback.xml (" + format + ") configured with warnings or errors");
    }
    return context;
  }

  /** A fresh logger context asking for {@code format}, as {@code -Dshoal.log.format=format} would. */
  private static LoggerContext unconfigured(String format) {
    LoggerContext context = new LoggerContext();
    context.setName("logback-formats-" + format);
    context.setMDCAdapter(MDC.getMDCAdapter());
    // Variables resolve from the context's properties before the system's: the same lookup, without touching the JVM.
    context.putProperty(LogFormat.PROPERTY, format);
    return context;
  }

  private static void configure(LoggerContext context) {
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(LogbackFormatsTest.class.getResource("/logback.xml"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> lines(ByteArrayOutputStream stream) {
    String text = stream.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static RuntimeException deepFailure(int depth) {
    try {
      recurse(depth);
      throw new AssertionError("unreachable");
    } catch (IllegalStateException e) {
      return new RuntimeException("frame failed", e);
    }
  }

  private static void recurse(int depth) {
    if (depth == 0) {
      throw new IllegalStateException("root cause");
    }
    recurse(depth - 1);
  }
}
