package io.mikrobill.persistence;

/**
 * The secret key given is not the one the database's secrets were sealed with: starting would
 * make every voucher code and stored reply unreadable, so the start is refused naming both keys'
 * ids (never the keys).
 */
public final class SecretKeyMismatchException extends PersistenceException {

  public SecretKeyMismatchException(String message) {
    super(message);
  }
}
