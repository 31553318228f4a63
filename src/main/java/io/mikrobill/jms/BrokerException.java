package io.mikrobill.jms;

/**
 * Root of every error raised by the broker side of the JMS source: bad settings, a broker that
 * would not start or stop. Unchecked; messages carry the state that matters (bind address, port,
 * data directory) and never a password.
 */
public abstract class BrokerException extends RuntimeException {

  protected BrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
