package dev.lintel.proxy.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.function.Supplier;

/**
 * The Netty transport in use: native epoll where the platform has it (fewer copies and syscalls),
 * NIO everywhere else. Shared by the proxy and the echo backend.
 *
 * @param name {@code epoll} or {@code nio}
 * @param serverChannelType the listening socket class
 * @param channelType the connected socket class
 * @param ioHandlerFactory creates the event loops' I/O handlers
 */
public record Transport(
    String name,
    Class<? extends ServerSocketChannel> serverChannelType,
    Class<? extends SocketChannel> channelType,
    Supplier<IoHandlerFactory> ioHandlerFactory) {

  /**
   * Epoll when available, else NIO. The system property {@code lintel.proxy.transport=nio} forces
   * NIO (to tell a transport issue from a proxy issue).
   */
  public static Transport best() {
    if (Epoll.isAvailable() && !"nio".equals(System.getProperty("lintel.proxy.transport"))) {
      return new Transport(
          "epoll",
          EpollServerSocketChannel.class,
          EpollSocketChannel.class,
          EpollIoHandler::newFactory);
    }
    return nio();
  }

  /** The portable transport. */
  public static Transport nio() {
    return new Transport(
        "nio", NioServerSocketChannel.class, NioSocketChannel.class, NioIoHandler::newFactory);
  }

  /** A new event loop group of daemon threads named {@code threadPrefix-N}. */
  public EventLoopGroup newEventLoopGroup(int threads, String threadPrefix) {
    return new MultiThreadIoEventLoopGroup(
        threads, new DefaultThreadFactory(threadPrefix, true), ioHandlerFactory.get());
  }
}
