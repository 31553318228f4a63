package io.mikrobill.persistence;

/** An outcome was completed for a request that was never claimed. */
public final class UnknownRequestException extends PersistenceException {

  public UnknownRequestException(String source, String requestKey) {
    super("no claimed request source=" + source + " key=" + requestKey);
  }
}
