package dev.lintel.operator.cli;

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
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  public static void main(String[] args) {
    int exit = new CommandLine(new LintelCommand()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }
}
