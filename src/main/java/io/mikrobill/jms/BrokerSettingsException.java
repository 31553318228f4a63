package io.mikrobill.jms;

/** A broker setting was refused; the message names the variable and the value that was given. */
public final class BrokerSettingsException extends BrokerException {

  public BrokerSettingsException(String message) {
    super(message, null);
  }

  public BrokerSettingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
