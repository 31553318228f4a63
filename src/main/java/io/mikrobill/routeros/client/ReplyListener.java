package io.mikrobill.routeros.client;

import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.protocol.Reply;

/**
 * Receives the replies of one command, on the connection's I/O thread, in arrival order. After
 * {@code !done} or a failure, nothing more arrives. Implementations must not block.
 */
public interface ReplyListener {

  void onReply(Reply reply);

  /** The command ended without its {@code !done}: connection lost, timeout, fatal, protocol. */
  void onFailure(RouterOsException error);
}
