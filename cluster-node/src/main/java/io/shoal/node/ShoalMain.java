package io.shoal.node;

import io.shoal.node.cli.ShoalCommand;

/** Entry point of {@code ./shoal}: dispatches to the subcommands. */
public final class ShoalMain {

  private ShoalMain() {}

  public static void main(String[] args) {
    System.exit(ShoalCommand.run(args));
  }
}
