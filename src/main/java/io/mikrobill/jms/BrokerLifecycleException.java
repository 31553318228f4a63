package io.mikrobill.jms;

/**
 * The embedded broker could not start or stop (port taken, data directory unwritable...), or was
 * used before it started. The message names the bind address, port and data directory.
 */
public final class BrokerLifecycleException extends BrokerException {

  public BrokerLifecycleException(String message, Throwable cause) {
    super(message, cause);
  }
}
