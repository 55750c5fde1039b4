package dev.llmload.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * Netty's native epoll transport where it loads (Linux; Gatling ships the native library), else NIO. Epoll spends
 * about a third less kernel time per chunk write and lowers the write lateness tail (docs/simulated-server.md).
 *
 * @param name {@code epoll} or {@code nio}
 * @param ioHandlerFactory for the event-loop group
 * @param serverChannel the server socket channel class
 */
record NettyTransport(String name, IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> serverChannel) {

  static NettyTransport best() {
    try {
      if (Epoll.isAvailable()) {
        return new NettyTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
      }
    } catch (LinkageError e) {
      // netty-transport-native-epoll is not on the class path: use NIO.
    }
    return new NettyTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
  }
}
