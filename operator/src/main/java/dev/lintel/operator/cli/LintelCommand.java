package dev.lintel.operator.cli;

import io.netty.util.ResourceLeakDetector;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lintel} entry point. */
@Command(
    name = "lintel",
    mixinStandardHelpOptions = true,
    version = "lintel 0.1.0",
    description = "Kubernetes Gateway API implementation with an embedded Netty proxy.",
    subcommands = {
      OperatorCommand.class,
      ProxyCommand.class,
      StandaloneCommand.class,
      ValidateCommand.class,
      EchoCommand.class
    })
public final class LintelCommand implements Runnable {
  private static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  public static void main(String[] args) {
    if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
      // Leak sampling costs ~4 % of the proxy's CPU (JFR under wrk). The test suites keep Netty's
      // default sampling on; set -Dio.netty.leakDetection.level=simple to sample in production.
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    int exit = new CommandLine(new LintelCommand()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }
}
