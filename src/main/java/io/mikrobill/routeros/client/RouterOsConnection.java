package io.mikrobill.routeros.client;

import io.mikrobill.routeros.ConnectionLoss;
import io.mikrobill.routeros.RouterOsConnectionException;
import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.RouterOsFatalException;
import io.mikrobill.routeros.RouterOsProtocolException;
import io.mikrobill.routeros.RouterOsTimeoutException;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.protocol.Reply;
import io.mikrobill.routeros.protocol.ReplyType;
import io.mikrobill.routeros.transport.OutboundSentence;
import io.mikrobill.routeros.transport.SentenceFrameDecoder;
import io.mikrobill.routeros.transport.SentenceFrameEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logged-in API session. Any number of commands run on it at once: each gets a fresh tag,
 * registered before its bytes are written, and replies are routed by tag as they arrive, in any
 * order. A {@code !fatal}, a framing error or a lost connection fails every pending command with
 * a typed error and closes the session; it is never reused after that. The errors of a lost
 * session share one {@link ConnectionLoss}, so the loss is counted once, not once per command.
 */
public final class RouterOsConnection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RouterOsConnection.class);
  private static final AtomicLong IDS = new AtomicLong();

  private final ClientOptions options;
  private final String id;
  private final Channel channel;
  private final ConnectionLoss loss;
  private final TagRegistry registry = new TagRegistry();
  private final Deque<ReplyListener> untagged = new ArrayDeque<>();
  private final CompletableFuture<RouterOsException> closed = new CompletableFuture<>();
  private volatile RouterOsException closeCause;
  private volatile Consumer<Reply> fatalObserver = r -> {};

  private RouterOsConnection(ClientOptions options, Channel channel) {
    this.options = options;
    this.channel = channel;
    this.id = "router=" + options.name() + " conn=" + IDS.incrementAndGet();
    this.loss = new ConnectionLoss(id);
  }

  /** Connects, logs in, and completes with a ready connection or a typed error. */
  public static CompletableFuture<RouterOsConnection> connect(ClientOptions options, EventLoopGroup group) {
    CompletableFuture<RouterOsConnection> result = new CompletableFuture<>();
    CompletableFuture<RouterOsConnection> created = new CompletableFuture<>();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) throws Exception {
                    RouterOsConnection conn = new RouterOsConnection(options, ch);
                    if (options.tls()) {
                      ch.pipeline().addLast("tls", TlsContexts.client(options).newHandler(ch.alloc(), options.host(), options.port()));
                    }
                    ch.pipeline()
                        .addLast("decoder", new SentenceFrameDecoder(options.maxWordSize()))
                        .addLast("encoder", SentenceFrameEncoder.INSTANCE)
                        .addLast("dispatch", conn.new Dispatcher());
                    created.complete(conn);
                  }
                });
    ChannelFuture cf = bootstrap.connect(options.host(), options.port());
    cf.addListener(
        f -> {
          if (!f.isSuccess()) {
            result.completeExceptionally(
                new RouterOsConnectionException(
                    "router=" + options.name() + " cannot connect to " + options.host() + ":"
                        + options.port() + ": " + describe(f.cause()),
                    f.cause()));
            return;
          }
          RouterOsConnection conn = created.getNow(null);
          LoginHandshake.run(conn, options)
              .whenComplete(
                  (ok, err) -> {
                    if (err == null) {
                      LOG.debug("{} logged in user={}", conn.id, options.username());
                      result.complete(conn);
                    } else {
                      conn.close();
                      result.completeExceptionally(err);
                    }
                  });
        });
    return result;
  }

  public String id() {
    return id;
  }

  public ClientOptions options() {
    return options;
  }

  public boolean isActive() {
    return channel.isActive() && closeCause == null;
  }

  io.netty.channel.EventLoop channelEventLoop() {
    return channel.eventLoop();
  }

  /** Commands sent and not yet finished. */
  public int pending() {
    return registry.size();
  }

  /** Completes, with the reason, once the connection is closed for any reason. */
  public CompletableFuture<RouterOsException> closeFuture() {
    return closed;
  }

  /** Observes a {@code !fatal} before the pending commands are failed (the ros command prints it). */
  public void onFatal(Consumer<Reply> observer) {
    this.fatalObserver = observer;
  }

  /** Runs a command to its {@code !done}, with the connection's default command timeout. */
  public CompletableFuture<CommandResult> execute(Command command) {
    return execute(command, options.commandTimeout());
  }

  /** Runs a command to its {@code !done}; a {@code !trap} completes it with a trap error. */
  public CompletableFuture<CommandResult> execute(Command command, Duration timeout) {
    CompletableFuture<CommandResult> future = new CompletableFuture<>();
    send(command, new ResultCollector(command, future), timeout);
    return future;
  }

  /**
   * Sends a command and passes every reply to {@code listener}. With a timeout, the command fails
   * with a timeout error when no {@code !done} came in time, and is cancelled on the router.
   *
   * @param timeout the bound, or null for none (streams)
   */
  public CommandHandle send(Command command, ReplyListener listener, Duration timeout) {
    RouterOsException down = closeCause;
    if (down != null || !channel.isActive()) {
      listener.onFailure(down != null ? down : new RouterOsConnectionException(id + " is closed", null, loss));
      return new CommandHandle(this, null, command);
    }
    TimedListener timed = new TimedListener(listener);
    String tag = registry.register(timed);
    if (timeout != null) {
      timed.timer =
          channel
              .eventLoop()
              .schedule(() -> onTimeout(tag, timed, command, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    channel
        .writeAndFlush(new OutboundSentence(command.toWords(tag, options.charset())))
        .addListener(
            f -> {
              if (!f.isSuccess() && registry.remove(tag) != null) {
                timed.onFailure(
                    new RouterOsConnectionException(id + " write failed: " + describe(f.cause()), f.cause(), loss));
              }
            });
    return new CommandHandle(this, tag, command);
  }

  /** Starts a stream ({@code listen}, {@code print =follow=}); it ends when cancelled. */
  public CommandHandle subscribe(Command command, ReplyListener listener) {
    return send(command, listener, null);
  }

  /** Sends {@code /cancel =tag=X}; completes when the router confirms the cancel. */
  CompletableFuture<CommandResult> cancel(String tag) {
    return execute(Command.of("/cancel", "=tag=" + tag));
  }

  private void onTimeout(String tag, TimedListener timed, Command command, Duration timeout) {
    if (registry.get(tag) != timed || !timed.finish()) {
      return;
    }
    // Keep the tag registered to swallow the router's tail (!trap interrupted, !done).
    registry.replace(tag, Drain.INSTANCE);
    timed.delegate.onFailure(
        new RouterOsTimeoutException(
            id + " command " + command.path() + " tag=" + tag + " got no reply in " + timeout.toMillis() + " ms"));
    if (channel.isActive()) {
      channel.writeAndFlush(new OutboundSentence(Command.of("/cancel", "=tag=" + tag).toWords(null, options.charset())));
    }
  }

  /** Sends an untagged sentence (login); replies come back in order. Event loop only. */
  void sendUntagged(List<String> words, ReplyListener listener) {
    channel.eventLoop().execute(() -> {
      RouterOsException down = closeCause;
      if (down != null || !channel.isActive()) {
        listener.onFailure(down != null ? down : new RouterOsConnectionException(id + " closed before login", null, loss));
        return;
      }
      untagged.addLast(listener);
      Command c = new Command(words.get(0), words.subList(1, words.size()));
      channel.writeAndFlush(new OutboundSentence(c.toWords(null, options.charset())));
    });
  }

  @Override
  public void close() {
    if (channel.isOpen()) {
      channel.close();
    }
  }

  /** Sends {@code /quit} politely, then closes. */
  public CompletableFuture<Void> quit() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    closed.whenComplete((r, e) -> done.complete(null));
    if (channel.isActive()) {
      channel.writeAndFlush(new OutboundSentence(Command.of("/quit").toWords(null, options.charset())));
      channel.eventLoop().schedule(this::close, 1, TimeUnit.SECONDS);
    } else {
      done.complete(null);
    }
    return done;
  }

  static String describe(Throwable t) {
    if (t == null) {
      return "unknown cause";
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }

  /** Swallows the remaining replies of a command its caller has given up on. */
  private enum Drain implements ReplyListener {
    INSTANCE;

    @Override
    public void onReply(Reply reply) {}

    @Override
    public void onFailure(RouterOsException error) {}
  }

  /** The last handler: parses replies and routes them. Runs on the event loop. */
  private final class Dispatcher extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      @SuppressWarnings("unchecked")
      List<byte[]> words = (List<byte[]>) msg;
      Reply reply = Reply.parse(words, options.charset());
      if (reply.type() == ReplyType.FATAL) {
        closeCause = new RouterOsFatalException(id, reply.message() == null ? "(no reason)" : reply.message(), loss);
        LOG.warn("{} fatal reason=\"{}\"", id, reply.message());
        fatalObserver.accept(reply);
        failEverything(closeCause);
        ctx.close();
        return;
      }
      if (reply.tag() != null) {
        if (!registry.dispatch(reply)) {
          LOG.warn("{} reply {} for unknown tag={} dropped", id, reply.type().word(), reply.tag());
        }
        return;
      }
      ReplyListener head = untagged.peekFirst();
      if (head == null) {
        LOG.warn("{} untagged reply {} with nothing waiting dropped", id, reply.type().word());
        return;
      }
      if (reply.type() == ReplyType.DONE) {
        untagged.pollFirst();
      }
      head.onReply(reply);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (closeCause == null) {
        closeCause =
            cause instanceof RouterOsProtocolException p
                ? p
                : new RouterOsConnectionException(id + " connection error: " + describe(cause), cause, loss);
      }
      LOG.warn("{} closing after error: {}", id, closeCause.getMessage());
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      RouterOsException cause = closeCause;
      if (cause == null) {
        cause = new RouterOsConnectionException(id + " connection lost with " + registry.size() + " command(s) pending", null, loss);
        closeCause = cause;
      }
      failEverything(cause);
      closed.complete(cause);
      ctx.fireChannelInactive();
    }
  }

  private void failEverything(RouterOsException cause) {
    registry.failAll(cause);
    ReplyListener l;
    while ((l = untagged.pollFirst()) != null) {
      l.onFailure(cause);
    }
  }
}
