package io.shoal.node;

import io.shoal.node.cli.ShoalCommand;
import picocli.CommandLine;

/** Entry point of {@code ./shoal}: dispatches to the subcommands. */
public final class ShoalMain {

  private ShoalMain() {}

  public static void main(String[] args) {
    int exitCode = new CommandLine(new ShoalCommand()).execute(args);
    System.exit(exitCode);
  }
}
