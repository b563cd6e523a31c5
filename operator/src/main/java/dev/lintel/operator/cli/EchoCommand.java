package dev.lintel.operator.cli;

import dev.lintel.proxy.echo.EchoServer;
import java.net.InetAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lintel echo}: a backend that answers every request with the request as JSON. */
@Command(
    name = "echo",
    description = "Run an echo backend that returns each request as JSON (HTTP/1.1 and h2c).")
final class EchoCommand implements Callable<Integer> {
  @Option(names = "--port", required = true, description = "Port to listen on.")
  int port;

  @Option(names = "--name", defaultValue = "echo", description = "Name reported in every answer.")
  String name;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on.")
  String bind;

  @Override
  public Integer call() throws Exception {
    EchoServer server = new EchoServer(InetAddress.getByName(bind), port, name);
    int bound = server.start();
    System.out.println("echo '" + name + "' listening on " + bind + ":" + bound);
    return Processes.runUntilStopped(server);
  }
}
