package io.mikrobill.routeros.simulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The control port: a line protocol for changing a running simulator, one command a line, one
 * answer line each ({@code ok ...} or {@code error ...}):
 *
 * <pre>
 *   faults SPEC     replace the fault drill (FaultSpec syntax; "faults none" clears it)
 *   fault KEY=VALUE change one key of the running drill
 *   restart         restart the router: sessions and connections lost, configuration kept
 *   tick SECONDS    move the router's time on (sessions age, limits bite)
 *   state           one line of key=value: connections, commands, users, sessions, faults
 *   help            the list of commands
 *   quit            close this control connection
 * </pre>
 */
final class ControlServer {

  private final RouterOsSimulator simulator;

  ControlServer(RouterOsSimulator simulator) {
    this.simulator = simulator;
  }

  Channel bind(EventLoopGroup group, String host, int port) throws InterruptedException {
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline()
                .addLast(new LineBasedFrameDecoder(4096))
                .addLast(new StringDecoder(StandardCharsets.UTF_8))
                .addLast(new StringEncoder(StandardCharsets.UTF_8))
                .addLast(new SimpleChannelInboundHandler<String>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, String line) {
                    String answer = answer(line.trim());
                    if (answer == null) {
                      ctx.writeAndFlush("ok bye\n").addListener(f -> ctx.close());
                    } else {
                      ctx.writeAndFlush(answer + "\n");
                    }
                  }
                });
          }
        });
    return b.bind(new InetSocketAddress(host, port)).sync().channel();
  }

  /** The answer to one line; null means close the connection. */
  String answer(String line) {
    String[] parts = line.split("\\s+", 2);
    String arg = parts.length > 1 ? parts[1].trim() : "";
    try {
      switch (parts[0]) {
        case "faults" -> {
          simulator.faults().set(arg);
          return "ok faults " + simulator.faults().spec();
        }
        case "fault" -> {
          int eq = arg.indexOf('=');
          if (eq <= 0) {
            return "error fault needs KEY=VALUE, got '" + arg + "'";
          }
          FaultSwitch f = simulator.faults();
          f.set(f.spec().with(arg.substring(0, eq).trim(), arg.substring(eq + 1).trim()));
          return "ok faults " + f.spec();
        }
        case "restart" -> {
          simulator.restart();
          return "ok restarted";
        }
        case "tick" -> {
          simulator.tick(java.time.Duration.ofSeconds(Long.parseLong(arg)));
          return "ok ticked " + arg + "s";
        }
        case "state" -> {
          return "ok " + simulator.describeState();
        }
        case "help", "" -> {
          return "ok commands: faults SPEC | fault KEY=VALUE | restart | tick SECONDS | state | help | quit";
        }
        case "quit" -> {
          return null;
        }
        default -> {
          return "error unknown command '" + parts[0] + "' (try help)";
        }
      }
    } catch (RuntimeException e) {
      return "error " + e.getMessage();
    }
  }
}
