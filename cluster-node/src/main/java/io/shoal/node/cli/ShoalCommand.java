package io.shoal.node.cli;

import io.shoal.observability.logging.JsonStdoutAppender;
import io.shoal.observability.logging.LogFormat;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code shoal} command; each subcommand does one job. */
@Command(
    name = "shoal",
    mixinStandardHelpOptions = true,
    versionProvider = ShoalVersion.class,
    description = "Shoal: real-time fish-health monitoring for fish farms.",
    subcommands = {DemoCommand.class, NodeCommand.class, SimulateCommand.class, TokenCommand.class,
        DatasetCommand.class, ClassifyCommand.class, BenchInferenceCommand.class, BenchCommand.class})
public final class ShoalCommand implements Runnable {

  /** Subcommands that run unattended under a supervisor and log JSON unless SHOAL_LOG_FORMAT says otherwise. */
  private static final Set<String> JSON_LOGGING_COMMANDS = Set.of("node");
  /** Exit code for a SHOAL_LOG_FORMAT that is neither json nor text (picocli's code for bad usage). */
  private static final int USAGE_ERROR = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the command line {@code args}; returns the exit code once the command and its clean-up are done. */
  public static int run(String[] args) {
    // First, before any class creates a logger: logback reads the format once, when it initialises.
    LogFormat format;
    try {
      format = LogFormat.choose(defaultLogFormat(args), System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("shoal: " + e.getMessage());
      return USAGE_ERROR;
    }
    if (format == LogFormat.JSON) {
      JsonStdoutAppender.reserveStdout();
    }
    ProcessExit.install();
    CommandLine commandLine = new CommandLine(new ShoalCommand());
    // A command's failure goes to the log, so a node's supervisor sees it as a JSON line like any other error.
    commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
      LoggerFactory.getLogger(ShoalCommand.class)
          .error("shoal {} failed: {}", failed.getCommandName(), e.getMessage(), e);
      return failed.getExitCodeExceptionMapper() != null
          ? failed.getExitCodeExceptionMapper().getExitCode(e)
          : failed.getCommandSpec().exitCodeOnExecutionException();
    });
    int exitCode = commandLine.execute(args);
    ProcessExit.runAll();
    return exitCode;
  }

  /** JSON for the commands in {@link #JSON_LOGGING_COMMANDS}, text for the interactive ones (and for no command). */
  static LogFormat defaultLogFormat(String[] args) {
    // The top-level command has only --help and --version, so its first other argument names the subcommand.
    return Arrays.stream(args)
        .filter(arg -> !arg.startsWith("-"))
        .findFirst()
        .filter(JSON_LOGGING_COMMANDS::contains)
        .map(command -> LogFormat.JSON)
        .orElse(LogFormat.TEXT);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
