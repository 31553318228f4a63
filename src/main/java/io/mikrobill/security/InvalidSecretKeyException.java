package io.mikrobill.security;

/**
 * The secret key was refused: {@code MIKROBILL_SECRET_KEY} or the key file is not base64 of 32
 * bytes. A setting error (the start stops with a message naming the variable or file), never the
 * key's value.
 */
public final class InvalidSecretKeyException extends IllegalArgumentException {

  public InvalidSecretKeyException(String message) {
    super(message);
  }
}
