package io.mikrobill.routeros.client;

import io.mikrobill.routeros.RouterOsAuthenticationException;
import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.RouterOsTimeoutException;
import io.mikrobill.routeros.protocol.LoginChallenge;
import io.mikrobill.routeros.protocol.Reply;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Logs in the way that works on every RouterOS still in the field: {@code /login =name=
 * =password=} first (6.43 and later answer a bare {@code !done}); if the router answers with a
 * challenge in {@code =ret=} (before 6.43), prove the password with the MD5 response.
 */
final class LoginHandshake {

  private LoginHandshake() {}

  static CompletableFuture<Void> run(RouterOsConnection conn, ClientOptions options) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    var timer =
        conn.channelEventLoop()
            .schedule(
                () -> result.completeExceptionally(
                    new RouterOsTimeoutException(conn.id() + " login got no answer in "
                        + options.commandTimeout().toMillis() + " ms")),
                options.commandTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    result.whenComplete((v, e) -> timer.cancel(false));
    conn.sendUntagged(
        List.of("/login", "=name=" + options.username(), "=password=" + options.password()),
        new Step(conn, result) {
          @Override
          void done(Reply done) {
            String ret = done.attribute("ret");
            if (LoginChallenge.isChallenge(ret)) {
              String response = LoginChallenge.response(options.charset().encode(options.password()), ret);
              conn.sendUntagged(
                  List.of("/login", "=name=" + options.username(), "=response=" + response),
                  new Step(conn, result) {
                    @Override
                    void done(Reply second) {
                      result.complete(null);
                    }
                  });
            } else {
              result.complete(null);
            }
          }
        });
    return result;
  }

  /** One round of the login: a trap fails it, the {@code !done} moves it on. */
  private abstract static class Step implements ReplyListener {
    private final RouterOsConnection conn;
    private final CompletableFuture<Void> result;
    private Reply trap;

    Step(RouterOsConnection conn, CompletableFuture<Void> result) {
      this.conn = conn;
      this.result = result;
    }

    abstract void done(Reply done);

    @Override
    public void onReply(Reply reply) {
      switch (reply.type()) {
        case TRAP -> {
          if (trap == null) {
            trap = reply;
          }
        }
        case DONE -> {
          if (trap != null) {
            result.completeExceptionally(
                new RouterOsAuthenticationException(
                    conn.id() + " login refused for user=" + conn.options().username() + ": " + trap.errorMessage()));
          } else {
            done(reply);
          }
        }
        default -> { }
      }
    }

    @Override
    public void onFailure(RouterOsException error) {
      if (error instanceof io.mikrobill.routeros.RouterOsFatalException fatal) {
        result.completeExceptionally(
            new RouterOsAuthenticationException(conn.id() + " login refused: " + fatal.reason()));
      } else {
        result.completeExceptionally(error);
      }
    }
  }
}
