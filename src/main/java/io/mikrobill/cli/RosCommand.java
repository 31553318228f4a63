package io.mikrobill.cli;

import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.RouterOsFatalException;
import io.mikrobill.routeros.RouterOsTimeoutException;
import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.client.RouterOsConnection;
import io.mikrobill.routeros.protocol.Command;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ros}: sends API sentences to a router and prints every reply as one JSON line. With a
 * command on the command line it sends that one sentence; without, it reads one JSON array of
 * words per line from standard input and pipelines them all on one connection, each with its own
 * tag, printing replies as they arrive.
 */
public final class RosCommand {

  public static final int EXIT_OK = 0;
  public static final int EXIT_TRAP = 2;
  public static final int EXIT_CONNECT = 3;
  public static final int EXIT_FATAL = 4;
  public static final int EXIT_TIMEOUT = 5;
  public static final int EXIT_USAGE = 64;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  public RosCommand(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = env;
  }

  /** Entry point of {@code mikrobill.jar ros}. */
  public static int run(String[] args) {
    return new RosCommand(System.in, System.out, System.err, System.getenv()).execute(args);
  }

  public int execute(String[] args) {
    RosArguments parsed;
    try {
      parsed = RosArguments.parse(args, env);
    } catch (IllegalArgumentException e) {
      err.println("ros: " + e.getMessage());
      err.println(RosArguments.USAGE);
      return EXIT_USAGE;
    }
    if (parsed.help()) {
      out.println(RosArguments.USAGE);
      return EXIT_OK;
    }
    EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("ros-io", true));
    try {
      return session(parsed, group);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  private int session(RosArguments args, EventLoopGroup group) {
    ClientOptions options = args.options();
    RouterOsConnection conn;
    try {
      conn = RouterOsConnection.connect(options, group).join();
    } catch (CompletionException e) {
      err.println("ros: " + message(e.getCause()));
      return EXIT_CONNECT;
    }
    ReplyPrinter printer = new ReplyPrinter(out);
    conn.onFatal(printer::printFatal);
    Outcome outcome = new Outcome();
    try {
      if (args.command() != null) {
        outcome.expect(1);
        sendOne(conn, 0, args.command(), args, printer, outcome);
      } else {
        readAndSend(conn, args, printer, outcome);
      }
      outcome.await();
    } catch (UsageError e) {
      err.println("ros: " + e.getMessage());
      outcome.fail(EXIT_USAGE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      conn.close();
    }
    out.flush();
    return outcome.status();
  }

  private void readAndSend(RouterOsConnection conn, RosArguments args, ReplyPrinter printer, Outcome outcome)
      throws UsageError, InterruptedException {
    List<Command> commands = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          commands.add(JsonWords.parse(line));
        } catch (IllegalArgumentException e) {
          throw new UsageError("line " + lineNo + ": " + e.getMessage());
        }
      }
    } catch (java.io.IOException e) {
      throw new UsageError("cannot read standard input: " + e.getMessage());
    }
    outcome.expect(commands.size());
    for (int i = 0; i < commands.size(); i++) {
      sendOne(conn, i, commands.get(i), args, printer, outcome);
    }
  }

  private void sendOne(
      RouterOsConnection conn, int index, Command command, RosArguments args, ReplyPrinter printer, Outcome outcome) {
    conn.send(
        command,
        new io.mikrobill.routeros.client.ReplyListener() {
          private boolean trapped;

          @Override
          public void onReply(io.mikrobill.routeros.protocol.Reply reply) {
            printer.print(index, reply);
            switch (reply.type()) {
              case TRAP -> trapped = true;
              case DONE -> outcome.finished(trapped ? EXIT_TRAP : EXIT_OK);
              default -> { }
            }
          }

          @Override
          public void onFailure(RouterOsException error) {
            if (!(error instanceof RouterOsFatalException)) {
              err.println("ros: command " + index + " (" + command.path() + "): " + error.getMessage());
            }
            outcome.finished(exitFor(error));
          }
        },
        command.isStreaming() ? null : args.timeout());
  }

  static int exitFor(Throwable error) {
    if (error instanceof RouterOsTimeoutException) {
      return EXIT_TIMEOUT;
    }
    // !fatal, protocol errors and a lost connection all end the session.
    return EXIT_FATAL;
  }

  private static String message(Throwable t) {
    return t == null || t.getMessage() == null ? String.valueOf(t) : t.getMessage();
  }

  /** Counts finished commands and keeps the worst status (fatal over timeout over trap). */
  private static final class Outcome {
    private CountDownLatch remaining = new CountDownLatch(0);
    private int status = EXIT_OK;

    void expect(int n) {
      remaining = new CountDownLatch(n);
    }

    synchronized void finished(int commandStatus) {
      status = worse(status, commandStatus);
      remaining.countDown();
    }

    synchronized void fail(int s) {
      status = worse(status, s);
    }

    void await() throws InterruptedException {
      remaining.await();
    }

    synchronized int status() {
      return status;
    }

    private static int worse(int a, int b) {
      return rank(b) > rank(a) ? b : a;
    }

    private static int rank(int s) {
      return switch (s) {
        case EXIT_OK -> 0;
        case EXIT_TRAP -> 1;
        case EXIT_TIMEOUT -> 2;
        case EXIT_FATAL -> 3;
        default -> 4;
      };
    }
  }

  /** A bad line on standard input. */
  static final class UsageError extends Exception {
    UsageError(String message) {
      super(message);
    }
  }
}
