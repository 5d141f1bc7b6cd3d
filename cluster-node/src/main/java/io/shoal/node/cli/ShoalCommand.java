package io.shoal.node.cli;

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

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** Runs the command line {@code args}; returns the exit code once the command and its clean-up are done. */
  public static int run(String[] args) {
    ProcessExit.install();
    int exitCode = new picocli.CommandLine(new ShoalCommand()).execute(args);
    ProcessExit.runAll();
    return exitCode;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
