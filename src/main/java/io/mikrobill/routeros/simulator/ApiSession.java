package io.mikrobill.routeros.simulator;

import io.mikrobill.routeros.protocol.WordCharset;
import io.mikrobill.routeros.transport.OutboundSentence;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One API connection to the simulated router: the login gate, {@code /quit}, {@code /cancel},
 * faults, and handing every other command to the router's processor. Runs on the connection's
 * event loop; replies may be written from the processor's timer threads.
 *
 * <p>Replies are delayed by the round trip ({@code --rtt-ms}) on the event loop's schedule, so
 * the delay is in transit and never holds up the router. Without delays, replies are written
 * without a flush and flushed once per read: pipelined commands then cost one syscall a batch.
 */
final class ApiSession extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(ApiSession.class);
  private static final WordCharset CHARSET = WordCharset.DEFAULT;

  private final SimulatedRouter router;
  private final String id;
  private final LoginFlow login;
  private final SerialLane lane;
  private final Set<CommandReplies> running = ConcurrentHashMap.newKeySet();
  private Channel channel;
  private boolean admitted;
  private boolean loggedIn;
  private boolean reading;
  private boolean flushPending;
  private long commandCount;

  ApiSession(SimulatedRouter router, String id) {
    this.router = router;
    this.id = id;
    this.login = new LoginFlow(router);
    this.lane = router.options.serialPerConnection() ? new SerialLane(router.cpu) : null;
  }

  RouterOsVersion version() {
    return router.version();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    admitted = router.sessionOpened(channel);
    LOG.debug("{} connected from={} admitted={}", id, channel.remoteAddress(), admitted);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    router.sessionClosed();
    for (CommandReplies r : running) {
      r.abandon();
    }
    running.clear();
    LOG.debug("{} closed commands={}", id, commandCount);
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    @SuppressWarnings("unchecked")
    List<byte[]> words = (List<byte[]>) msg;
    reading = true;
    try {
      read(Request.parse(words, CHARSET));
    } finally {
      reading = false;
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (flushPending) {
      flushPending = false;
      ctx.flush();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("{} closing after error: {}", id, cause.toString());
    ctx.close();
  }

  private void read(Request req) {
    if (!admitted) {
      fatal("too many sessions");
      return;
    }
    if (!loggedIn) {
      if (req.path().equals("/login")) {
        loggedIn = login.handle(req, new CommandReplies(this, req, 0));
      } else {
        fatal("not logged in");
      }
      return;
    }
    switch (req.path()) {
      case "/quit" -> fatal("session terminated on request");
      case "/cancel" -> cancel(req);
      case "/login" -> new CommandReplies(this, req, 0).done();
      default -> command(req);
    }
  }

  private void command(Request req) {
    long n = ++commandCount;
    router.commandServed();
    long delay = 0;
    switch (router.faults.decide(n)) {
      case DROP -> {
        LOG.info("{} fault=drop command={} n={}", id, req.path(), n);
        channel.close();
        return;
      }
      case FATAL -> {
        LOG.info("{} fault=fatal command={} n={}", id, req.path(), n);
        fatal("simulated failure");
        return;
      }
      case GARBAGE -> {
        LOG.info("{} fault=garbage command={} n={}", id, req.path(), n);
        channel.writeAndFlush(Unpooled.wrappedBuffer(router.faults.garbage()));
        return;
      }
      case STALL -> delay = TimeUnit.MILLISECONDS.toNanos(router.faults.spec().stallMs());
      case NONE -> { }
    }
    CommandReplies replies = new CommandReplies(this, req, delay);
    running.add(replies);
    router.serve(() -> router.dispatcher.dispatch(req, replies), lane);
  }

  /**
   * {@code /cancel =tag=X} or bare {@code /cancel} (every command of this connection), in the
   * router's order: the victims' {@code !trap interrupted}, the cancel's {@code !done}, then the
   * victims' {@code !done}.
   */
  private void cancel(Request req) {
    CommandReplies self = new CommandReplies(this, req, 0);
    String target = req.attribute("tag");
    List<CommandReplies> victims = new ArrayList<>();
    for (CommandReplies r : running) {
      if (target == null || target.equals(r.tag())) {
        victims.add(r);
      }
    }
    if (target != null && victims.isEmpty()) {
      self.trap(SimulatorTrap.MISSING, "unknown command tag " + target);
      self.done();
      return;
    }
    List<CommandReplies> interrupted = new ArrayList<>();
    for (CommandReplies v : victims) {
      if (v.interrupt()) {
        interrupted.add(v);
      }
    }
    self.done();
    for (CommandReplies v : interrupted) {
      v.interruptedDone();
    }
  }

  void finished(CommandReplies replies) {
    running.remove(replies);
  }

  /** Writes a sentence: after the round trip when one is set, else at once. Any thread. */
  void send(List<byte[]> words, long extraDelayNanos) {
    Channel ch = channel;
    OutboundSentence s = new OutboundSentence(words);
    long delay = router.rttNanos() + extraDelayNanos;
    if (delay > 0) {
      ch.eventLoop().schedule(() -> ch.writeAndFlush(s, ch.voidPromise()), delay, TimeUnit.NANOSECONDS);
    } else if (ch.eventLoop().inEventLoop() && reading) {
      ch.write(s, ch.voidPromise());
      flushPending = true;
    } else {
      ch.writeAndFlush(s, ch.voidPromise());
    }
  }

  private void fatal(String reason) {
    List<byte[]> words = List.of(
        "!fatal".getBytes(StandardCharsets.UTF_8), reason.getBytes(StandardCharsets.UTF_8));
    channel.writeAndFlush(new OutboundSentence(words)).addListener(ChannelFutureListener.CLOSE);
  }
}
