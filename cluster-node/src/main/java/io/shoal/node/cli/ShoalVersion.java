package io.shoal.node.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version Maven wrote into the jar manifest. */
public final class ShoalVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = ShoalVersion.class.getPackage().getImplementationVersion();
    return new String[] {"shoal " + (version == null ? "(development build)" : version)};
  }
}
